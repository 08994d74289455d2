import { useState, type FormEvent } from 'react';
import type { Session } from '../../../shared/ipc';
import { useInboxApi } from '../../api/api-context';
import { errorText } from '../../hooks/useCall';
import { isMessageKey, useI18n } from '../../i18n';
import { parseRelayAddress } from '../../../shared/connection/relay-address';
import { relayAddressNote } from '../../lib/connection-security';
import { LanguageSwitch } from '../layout/LanguageSwitch';
import { ProductMark } from '../layout/ProductMark';

type Busy = 'none' | 'signIn' | 'demo' | 'demoAgent';

type SignedOut = Extract<Session, { state: 'signed_out' }>;

export function ConnectScreen({ session, onSignedIn }: { session: SignedOut; onSignedIn(session: Session): void }) {
  const api = useInboxApi();
  const { t } = useI18n();
  const { demoAvailable } = session;
  // A demo offers a lead and, when it has one, an agent sign-in: each role sees what it may do.
  const demoAgent = session.demoRoles?.includes('agent') ?? false;
  const [relayUrl, setRelayUrl] = useState(session.refusedRelayUrl ?? '');
  const [token, setToken] = useState('');
  const [showToken, setShowToken] = useState(false);
  const [busy, setBusy] = useState<Busy>('none');
  const [error, setError] = useState<string | null>(null);
  /** The saved address the core would not reconnect to (plain http to a public host), until the next try. */
  const [refusedUrl, setRefusedUrl] = useState(session.refusedRelayUrl);

  /** Known failure codes get a sentence in the agent's language; anything else shows the core's text. */
  function signInErrorText(code: string, message: string, url: string): string {
    const key = `connect.error.${code}`;
    const address = parseRelayAddress(url);
    const httpsUrl = !address.ok && address.code === 'INSECURE_URL' ? address.httpsUrl : url;
    return isMessageKey(key) ? t(key, { url, httpsUrl }) : t('connect.failed', { message });
  }

  async function attempt(kind: Exclude<Busy, 'none'>) {
    setBusy(kind);
    setError(null);
    setRefusedUrl(null);
    try {
      const result =
        kind === 'demo' || kind === 'demoAgent'
          ? await api.invoke('session:signInDemo', { role: kind === 'demoAgent' ? 'agent' : 'lead' })
          : await api.invoke('session:signIn', { relayUrl: relayUrl.trim(), token: token.trim() });
      if (result.ok) onSignedIn(result.session);
      else setError(signInErrorText(result.code, result.message, relayUrl.trim()));
    } catch (caught) {
      setError(t('connect.failed', { message: errorText(caught) }));
    } finally {
      setBusy('none');
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!relayUrl.trim() || !token.trim()) {
      setError(t('connect.missing'));
      return;
    }
    void attempt('signIn');
  }

  const disabled = busy !== 'none';
  const addressNote = relayAddressNote(relayUrl);
  return (
    <main className="connect-screen">
      <div className="connect-corner">
        <LanguageSwitch />
      </div>
      <section className="connect-card" aria-labelledby="connect-title">
        <header className="connect-brand">
          <ProductMark size={44} />
          <div>
            <h1 className="connect-product">{t('app.name')}</h1>
            <p className="connect-pitch">{t('app.pitch')}</p>
          </div>
        </header>

        {demoAvailable && (
          <div className="connect-demo">
            <button type="button" className="button button-primary button-large" disabled={disabled} onClick={() => void attempt('demo')}>
              {busy === 'demo' ? <span className="spinner" aria-hidden="true" /> : null}
              {t('connect.demo')}
              {demoAgent && <span className="connect-demo-role">{t('connect.demo.lead')}</span>}
            </button>
            {demoAgent && (
              <button type="button" className="button button-secondary button-large" disabled={disabled} onClick={() => void attempt('demoAgent')}>
                {busy === 'demoAgent' ? <span className="spinner" aria-hidden="true" /> : null}
                {t('connect.demo.agent')}
              </button>
            )}
            <p className="connect-demo-hint">{t('connect.demo.hint')}</p>
            {demoAgent && <p className="connect-demo-hint">{t('connect.demo.roles')}</p>}
            <div className="connect-divider">
              <span>{t('connect.or')}</span>
            </div>
          </div>
        )}

        <form className="connect-form" onSubmit={submit} noValidate>
          <h2 id="connect-title" className="connect-title">{t('connect.title')}</h2>
          <label className="field">
            <span className="field-label">{t('connect.relayUrl')}</span>
            <input
              className="input"
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder={t('connect.relayUrl.placeholder')}
              value={relayUrl}
              onChange={(event) => setRelayUrl(event.target.value)}
              disabled={disabled}
              aria-describedby={addressNote ? 'connect-address-note' : undefined}
            />
            {addressNote && (
              <span id="connect-address-note" className={`connect-note connect-note-${addressNote.tone}`}>
                {t(addressNote.key, addressNote.values)}
              </span>
            )}
          </label>
          <label className="field">
            <span className="field-label">{t('connect.token')}</span>
            <span className="input-with-action">
              <input
                className="input"
                type={showToken ? 'text' : 'password'}
                autoComplete="off"
                spellCheck={false}
                placeholder={t('connect.token.placeholder')}
                value={token}
                onChange={(event) => setToken(event.target.value)}
                disabled={disabled}
              />
              <button
                type="button"
                className="input-action"
                onClick={() => setShowToken((shown) => !shown)}
                aria-pressed={showToken}
              >
                {showToken ? t('connect.token.hide') : t('connect.token.show')}
              </button>
            </span>
          </label>
          {session.tokenStorage === 'owner_only_file' && <p className="connect-note connect-note-warning">{t('security.tokenFile')}</p>}
          {(error ?? refusedUrl) && (
            <p className="form-error" role="alert">
              {error ?? t('connect.refused', { url: refusedUrl ?? '' })}
            </p>
          )}
          <button type="submit" className={`button button-large ${demoAvailable ? 'button-secondary' : 'button-primary'}`} disabled={disabled}>
            {busy === 'signIn' ? <span className="spinner" aria-hidden="true" /> : null}
            {busy === 'signIn' ? t('connect.submitting') : t('connect.submit')}
          </button>
        </form>
        <p className="connect-footer">{t('connect.footer')}</p>
      </section>
    </main>
  );
}
