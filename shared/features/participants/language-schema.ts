/** A participant's language in a request body (PUT /me/language, PUT /participants/{id}/language). */
import * as z from 'zod';
import { PARTICIPANT_LANGUAGES } from '../../contract/languages.js';

export const languageSchema = z.enum(PARTICIPANT_LANGUAGES, { message: `must be one of ${PARTICIPANT_LANGUAGES.join(', ')}` });
