/**
 * The widget's CSS, inside its shadow root: the shop's styles cannot reach these elements, and `all: initial`
 * on the root stops inherited properties (font, colour, line height) of the shop's page leaking in.
 */
export const WIDGET_CSS = `
:host { all: initial; }
.root {
  all: initial;
  font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans TC", "PingFang TC", "Microsoft JhengHei", "Noto Sans CJK TC", sans-serif;
  font-size: 15px;
  line-height: 1.45;
  color: #1f2933;
  --accent: #0f766e;
  --accent-dark: #115e59;
  --focus: #f59e0b;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
button, textarea { font: inherit; color: inherit; margin: 0; }
:focus { outline: none; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }

.launcher {
  position: fixed; right: 20px; bottom: 20px; z-index: 2147483000;
  width: 60px; height: 60px; padding: 0; border: none; border-radius: 50%;
  background: var(--accent); color: #fff; cursor: pointer;
  display: flex; align-items: center; justify-content: center;
  box-shadow: 0 6px 20px rgba(15, 23, 42, 0.28);
}
.launcher:hover { background: var(--accent-dark); }
.launcher svg { width: 30px; height: 30px; fill: currentColor; }
.dot {
  position: absolute; top: 2px; right: 2px; width: 16px; height: 16px; border-radius: 50%;
  background: #e11d48; border: 2px solid #fff; display: none;
}
.launcher[data-unread] .dot { display: block; }

.panel {
  position: fixed; right: 20px; bottom: 92px; z-index: 2147483000;
  width: 370px; height: min(580px, calc(100vh - 112px));
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 16px; box-shadow: 0 12px 40px rgba(15, 23, 42, 0.3);
}
.panel[hidden] { display: none; }
.header { display: flex; align-items: center; gap: 8px; padding: 12px 12px 12px 16px; background: var(--accent); color: #fff; }
.heading { flex: 1; min-width: 0; }
.title { display: block; font-size: 16px; font-weight: 600; }
.status { display: block; font-size: 12px; opacity: 0.92; min-height: 1em; }
.close {
  width: 36px; height: 36px; border: none; border-radius: 50%; background: transparent; color: #fff;
  cursor: pointer; font-size: 22px; line-height: 1; display: flex; align-items: center; justify-content: center;
}
.close:hover { background: rgba(255, 255, 255, 0.16); }

.log {
  flex: 1; overflow-y: auto; margin: 0; padding: 16px 14px; list-style: none;
  display: flex; flex-direction: column; gap: 8px; background: #f4f6f7;
}
.msg {
  max-width: 82%; padding: 8px 12px; border-radius: 16px;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
}
.msg.agent { align-self: flex-start; background: #fff; border: 1px solid #dde3e7; border-bottom-left-radius: 4px; }
.msg.visitor { align-self: flex-end; background: var(--accent); color: #fff; border-bottom-right-radius: 4px; }
.msg.sending { opacity: 0.65; }
.msg.failed { background: #fde8e8; color: #7f1d1d; border: 1px solid #f5b5b5; }
.msg .photo img { display: block; max-width: 220px; max-height: 200px; border-radius: 8px; }
.msg .file { color: inherit; font-weight: 600; word-break: break-all; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.meta { display: block; margin-top: 2px; font-size: 11px; opacity: 0.75; text-align: right; }
.empty { margin: auto 12px; text-align: center; color: #52606d; }

.error { margin: 0; padding: 6px 14px; font-size: 13px; color: #9b1c1c; background: #fde8e8; }
.error:empty { display: none; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px; border-top: 1px solid #dde3e7; background: #fff; }
.input {
  flex: 1; min-height: 42px; max-height: 120px; resize: none; padding: 9px 12px;
  font-size: 16px; line-height: 1.4; background: #fff;
  border: 1px solid #b8c2cc; border-radius: 12px;
}
.input:focus-visible { outline-offset: 0; }
.send {
  height: 42px; padding: 0 16px; border: none; border-radius: 12px;
  background: var(--accent); color: #fff; font-weight: 600; cursor: pointer;
}
.send:hover { background: var(--accent-dark); }
.attach {
  flex: none; width: 42px; height: 42px; padding: 0; border: 1px solid #b8c2cc; border-radius: 12px;
  background: #fff; color: #52606d; cursor: pointer; display: flex; align-items: center; justify-content: center;
}
.attach:hover { color: var(--accent); border-color: var(--accent); }
.attach svg { width: 22px; height: 22px; fill: currentColor; }
.picker { display: none; }
.msg.visitor .file { color: #fff; }

/* Phones: the open panel takes the whole screen; its close button replaces the launcher. */
@media (max-width: 480px) {
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .root[data-open] .launcher { display: none; }
}
`;
