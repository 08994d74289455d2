import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { catalogSchema, type Catalog } from '../shared/catalog/catalog-schema';
import { parseRulesFile, type SuggestionRule } from '../shared/suggestions/rules-schema';

const messagesSchema = z.array(z.string().min(1)).min(1);
/** Graph ids (PSID, IGSID) are digits only. */
const graphIdSchema = z.string().regex(/^\d{8,20}$/, 'Meta ids are 8–20 digits');

/** Demo customers and what they ask, per channel, in resources/demo/customers.json. */
const demoDataSchema = z.object({
  shopName: z.string(),
  customers: z
    .array(
      z.object({
        userId: z.string().regex(/^U[0-9a-f]{32}$/, 'LINE user ids are U + 32 hex characters'),
        displayName: z.string(),
        language: z.string(),
        messages: messagesSchema,
      }),
    )
    .min(1),
  /** Messenger customers (PSIDs) and their profile as the Graph API returns it. */
  messenger: z.array(z.object({ id: graphIdSchema, firstName: z.string(), lastName: z.string(), messages: messagesSchema })).default([]),
  /** Instagram customers (IGSIDs). */
  instagram: z.array(z.object({ id: graphIdSchema, name: z.string(), username: z.string(), messages: messagesSchema })).default([]),
  /** Anonymous visitors of the shop's web site (the widget's visitor id, ≥ 22 characters). */
  webchat: z.array(z.object({ visitorId: z.string().regex(/^[A-Za-z0-9_-]{22,128}$/), messages: messagesSchema })).default([]),
  thanks: z.array(z.string().min(1)).min(1),
});
export type DemoData = z.infer<typeof demoDataSchema>;
export type DemoCustomer = DemoData['customers'][number];

export function loadDemoData(resourcesDir: string): DemoData {
  const file = join(resourcesDir, 'demo', 'customers.json');
  const parsed = demoDataSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${file} is not valid demo data: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The demo shop's reply-suggestion rules (resources/demo/rules.json), checked like any rules file. */
export function loadDemoRules(resourcesDir: string): SuggestionRule[] {
  const file = join(resourcesDir, 'demo', 'rules.json');
  const parsed = parseRulesFile(readFileSync(file, 'utf8'));
  if (!parsed.ok) throw new Error(`${file} is not a valid rules file: ${parsed.errors.map((error) => error.message).join('; ')}`);
  return parsed.rules;
}

/** The demo shop's catalog and selling settings (resources/demo/catalog.json), checked with the app's schema. */
export function loadDemoCatalog(resourcesDir: string): Catalog {
  const file = join(resourcesDir, 'demo', 'catalog.json');
  const parsed = catalogSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid catalog: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
