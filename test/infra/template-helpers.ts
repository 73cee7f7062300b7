/** Reading synthesized templates in the infra tests: resource and statement shapes, lookups by construct. */
import { Stack, type CfnElement } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

export type Json = Record<string, unknown>;

export interface Resource {
  Type: string;
  Properties: Json;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Json;
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
  Principal?: Json;
}

/** The template logical id of a construct's CloudFormation resource. */
export function logicalIdOf(construct: IConstruct): string {
  return Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;
}

export const resourcesOf = (t: Template, type: string): Record<string, Resource> => t.findResources(type) as Record<string, Resource>;
export const asArray = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);
