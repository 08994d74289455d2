import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryCredentialStore } from '../../../src/main/core';
import { DEFAULT_SHOP_SETTINGS, EMPTY_CATALOG } from '../../../src/shared/catalog/catalog-schema';
import { waitFor } from '../../support/processes';
import { startCore, type CoreHarness } from './support/core-harness';
import { DEFAULT_TOKEN, startFakeRelay, type FakeRelay } from './support/fake-relay';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const catalog = {
  products: [{ sku: 'TS-001', name: '純棉短T', nameEn: 'Cotton Tee', price: 390, imageUrl: null, variants: [], stock: 5 }],
  settings: DEFAULT_SHOP_SETTINGS,
};

async function connected(): Promise<{ relay: FakeRelay; harness: CoreHarness }> {
  const relay = await startFakeRelay();
  cleanups.push(() => relay.close());
  // Like the relay: version = baseVersion + 1 and catalog.updated to everyone, CONFLICT when stale.
  let version = 0;
  relay.onMutate = (call) => {
    const payload = call.payload as { catalog: typeof catalog; baseVersion: number };
    if (payload.baseVersion !== version) return { ok: false, code: 'CONFLICT', message: `The catalog is at version ${version}` };
    version += 1;
    relay.append({ type: 'catalog.updated', occurredAt: 1_800_000_000_000, payload: { version, catalog: payload.catalog, updatedBy: 'Amy' } });
    return { ok: true, version };
  };
  const harness = await startCore({ credentials: createMemoryCredentialStore({ relayUrl: relay.url, token: DEFAULT_TOKEN }) });
  cleanups.push(() => harness.close());
  await waitFor(async () => (await harness.core.handle('sync:status', {})).connection === 'online', { what: 'online' });
  return { relay, harness };
}

describe('catalog channels', () => {
  it('catalog:get gives the defaults before any catalog was saved; catalog:save needs the relay', async () => {
    const harness = await startCore();
    cleanups.push(() => harness.close());
    expect(await harness.core.handle('catalog:get', {})).toEqual({ version: 0, catalog: EMPTY_CATALOG, updatedBy: null, updatedAt: null });
    expect(await harness.core.handle('catalog:save', { catalog, baseVersion: 0 })).toMatchObject({
      ok: false,
      code: 'OFFLINE',
      message: expect.stringContaining('catalog can only be saved while connected'),
    });
  });

  it('catalog:save sends catalog.save; the synced catalog comes back; a stale save is a CONFLICT', async () => {
    const { relay, harness } = await connected();
    expect(await harness.core.handle('catalog:save', { catalog, baseVersion: 0 })).toEqual({ ok: true, version: 1 });
    expect(relay.mutations.map((call) => [call.type, (call.payload as { baseVersion: number }).baseVersion])).toEqual([['catalog.save', 0]]);
    await waitFor(async () => (await harness.core.handle('catalog:get', {})).version === 1, { what: 'catalog.updated' });
    expect(await harness.core.handle('catalog:get', {})).toMatchObject({ version: 1, updatedBy: 'Amy', catalog });
    await waitFor(() => harness.changes.some((event) => event.scopes.includes('catalog')), { what: 'the catalog scope' });
    expect(await harness.core.handle('catalog:save', { catalog, baseVersion: 0 })).toEqual({ ok: false, code: 'CONFLICT', message: 'The catalog is at version 1' });
  });

  it('catalog:previewCsv compares the file with the synced catalog and refuses an empty file', async () => {
    const { harness } = await connected();
    await harness.core.handle('catalog:save', { catalog, baseVersion: 0 });
    await waitFor(async () => (await harness.core.handle('catalog:get', {})).version === 1);
    const preview = await harness.core.handle('catalog:previewCsv', { text: '\uFEFFsku,name,price\r\nTS-001,純棉短T,"NT$420"\r\nDR-002,洋裝,990\r\n' });
    expect(preview).toMatchObject({ ok: true, preview: { rowCount: 2, added: 1, updated: 1, errors: [] } });
    expect(await harness.core.handle('catalog:previewCsv', { text: ' \n ' })).toMatchObject({ ok: false, code: 'EMPTY_FILE' });
  });
});
