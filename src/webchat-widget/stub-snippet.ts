/**
 * The optional inline snippet a shop pastes before the async script tag to call the API right away: calls are
 * recorded in `ShopInboxChat.q` and replayed by public-api.ts once the widget runs (each returns a Promise;
 * `on` included). Kept here so docs/protocol.md and the tests use the very same text.
 */
export const STUB_SNIPPET =
  'window.ShopInboxChat=window.ShopInboxChat||{q:[]};["open","close","send","setUser","on"].forEach(function(m){' +
  'ShopInboxChat[m]=ShopInboxChat[m]||function(){var a=arguments;return new Promise(function(y,n){ShopInboxChat.q.push([m,a,y,n])})}});';
