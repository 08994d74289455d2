import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHOP_SETTINGS } from '../../../src/shared/catalog/catalog-schema';
import { computeCartTotals } from '../../../src/shared/orders/cart-totals';
import { renderOrderSummary } from '../../../src/shared/orders/order-messages';
import { loadDemoCatalog } from '../../../src/demo/demo-data';
import { orderDueIn } from '../../../src/demo/demo-payments';

const RESOURCES = join(__dirname, '..', '..', '..', 'resources');

describe('the demo clothing catalog (resources/demo/catalog.json)', () => {
  const catalog = loadDemoCatalog(RESOURCES);

  it('parses with catalogSchema and uses the default shop settings', () => {
    expect(catalog.settings).toEqual(DEFAULT_SHOP_SETTINGS);
    expect(catalog.products.length).toBeGreaterThanOrEqual(35);
    expect(catalog.products.length).toBeLessThanOrEqual(45);
  });

  it('has unique SKUs like TS-001, Chinese and English names, integer prices NT$290–2,480 and image URLs', () => {
    const skus = catalog.products.map((product) => product.sku);
    expect(new Set(skus).size).toBe(skus.length);
    for (const product of catalog.products) {
      expect(product.sku).toMatch(/^[A-Z]{2}-\d{3}$/);
      expect(product.name).toMatch(/[\u4e00-\u9fff]/);
      expect(product.nameEn).toMatch(/[A-Za-z]/);
      expect(Number.isInteger(product.price) && product.price >= 290 && product.price <= 2480).toBe(true);
      if (product.imageUrl !== null) expect(product.imageUrl).toBe(`https://shop.example/img/${product.sku}.jpg`);
    }
    expect(catalog.products.some((product) => product.imageUrl === null)).toBe(true);
  });

  it('has size/colour variants with unique ids and some sold-out and low stock', () => {
    const variants = catalog.products.flatMap((product) => product.variants);
    expect(variants.length).toBeGreaterThan(100);
    expect(new Set(variants.map((variant) => variant.id)).size).toBe(variants.length);
    expect(new Set(variants.map((variant) => variant.size))).toEqual(new Set(['S', 'M', 'L', 'XL', 'F']));
    for (const colour of ['白', '黑', '杏', '霧藍', '燕麥']) expect(variants.some((variant) => variant.color === colour)).toBe(true);
    expect(variants.some((variant) => variant.stock === 0)).toBe(true);
    expect(variants.some((variant) => variant.stock !== null && variant.stock > 0 && variant.stock <= 3)).toBe(true);
  });
});

describe('demo payments', () => {
  it('reads the order number and the amount due from an order summary', () => {
    const lines = [{ sku: 'JK-003', variantId: 'JK-003-OT-M', name: '羊羔絨外套', variantLabel: '燕麥 / M', unitPrice: 2480, quantity: 2 }];
    const shipping = { method: 'home' as const, storeName: null, address: '台中市', fee: 100, freeShippingThreshold: null };
    const totals = computeCartTotals({ lines, shipping, discount: null });
    const text = renderOrderSummary({ orderNo: 'SO2611230007', lines, shipping, discount: null, note: '', totals }, DEFAULT_SHOP_SETTINGS.payment.linkTemplate);
    expect(orderDueIn(text)).toEqual({ orderNo: 'SO2611230007', amount: totals.total });
    expect(orderDueIn('請問有貨嗎？')).toBeNull();
  });
});
