import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/**
 * LINE's OpenAPI files (tests/fakes/line-openapi) as JSON-schema validators: what the relay sends LINE and what
 * the webhook builders post are checked against the component schemas themselves, not a copy of them.
 */
const SPEC_DIR = join(__dirname, 'line-openapi');

function validatorsFor(file: string, id: string) {
  const spec = parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as { components: { schemas: Record<string, unknown> } };
  // OpenAPI 3.0 keywords (discriminator, example …) are not JSON Schema: ignored, not errors.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: id, components: spec.components }, id);
  const cache = new Map<string, ValidateFunction>();
  return (schemaName: string, value: unknown): string[] => {
    let validate = cache.get(schemaName);
    if (!validate) {
      validate = ajv.getSchema(`${id}#/components/schemas/${schemaName}`);
      if (!validate) throw new Error(`${schemaName} is not in ${file}`);
      cache.set(schemaName, validate);
    }
    return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`);
  };
}

/** Problems of `value` against a messaging-api.yml schema (e.g. ReplyMessageRequest, ImageMessage); [] when valid. */
export const messagingApiProblems = validatorsFor('messaging-api.yml', 'line-messaging-api');
/** Problems of `value` against a webhook.yml schema (e.g. CallbackRequest, ImageMessageContent); [] when valid. */
export const webhookProblems = validatorsFor('webhook.yml', 'line-webhook');
