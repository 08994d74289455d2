import { config as zodConfig } from 'zod/mini';
import { pickLanguage } from './i18n';
import { installPublicApi, widgetAlreadyInstalled } from './public-api';
import { relayEndpointFromScriptSrc } from './relay-endpoint';
import { loadVisitorId } from './visitor-id';
import { startWidget } from './widget-controller';
import { WEBCHAT_WIDGET_PATH } from '../shared/protocol/webchat';

// Read now: an async script's document.currentScript is only set while it first runs.
const ownScript = document.currentScript as HTMLScriptElement | null;

// No `new Function` probe: strict shop CSPs would report it as a violation.
zodConfig({ jitless: true });

function ownSrc(): string | null {
  if (ownScript?.src) return ownScript.src;
  const tagged = document.querySelector<HTMLScriptElement>(`script[src*="${WEBCHAT_WIDGET_PATH}"]`);
  return tagged?.src ?? null;
}

function storageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function boot(): void {
  if (widgetAlreadyInstalled(window)) return;
  const endpoint = relayEndpointFromScriptSrc(ownSrc());
  if (!endpoint) {
    console.error(`ShopInboxChat: cannot tell which relay served this script; load it as <script src="https://RELAY${WEBCHAT_WIDGET_PATH}" async>`);
    return;
  }
  const api = startWidget({
    endpoint,
    visitorId: loadVisitorId(storageOrNull()),
    language: pickLanguage(document.documentElement.lang),
  });
  installPublicApi(window, api);
}

// An async script in <head> can run before <body> exists.
if (document.body) boot();
else document.addEventListener('DOMContentLoaded', boot, { once: true });
