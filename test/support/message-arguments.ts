/** The argument names of an ICU message, from intl-messageformat's parser (select and plural options included). */
import { IntlMessageFormat } from 'intl-messageformat';

export function argNames(message: string, locale = 'en'): string[] {
  const names = new Set<string>();
  const walk = (elements: ReturnType<IntlMessageFormat['getAst']>): void => {
    for (const el of elements) {
      if ('value' in el && el.type !== 0 && typeof el.value === 'string') names.add(el.value);
      if ('options' in el) for (const o of Object.values(el.options)) walk(o.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst());
  return [...names].sort();
}
