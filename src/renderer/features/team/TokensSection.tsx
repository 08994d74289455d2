import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TokenListEntry } from '../../../shared/protocol/team-admin';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useToasts } from '../../components/Toasts';
import { useCall } from '../../hooks/useCall';
import { useI18n } from '../../i18n';

/** The lead's agent tokens: who may connect, who is online, create (the token shows once) and revoke. */
export function TokensSection() {
  const { t, language } = useI18n();
  const call = useCall();
  const { notifyError } = useToasts();
  const [tokens, setTokens] = useState<TokenListEntry[] | null>(null);
  const [name, setName] = useState('');
  const [role, setRole] = useState<'agent' | 'lead'>('agent');
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const answer = await call('team:tokens', {});
    if (answer?.ok) setTokens(answer.tokens);
    else if (answer) notifyError(t('team.failed', { message: answer.message }));
  }, [call, notifyError, t]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function create(event: FormEvent) {
    event.preventDefault();
    if (name.trim() === '') return;
    const answer = await call('team:createToken', { name: name.trim(), role });
    if (answer && !answer.ok) notifyError(t('team.failed', { message: answer.message }));
    if (answer?.ok && answer.token) setCreated({ name: name.trim(), token: answer.token });
    setName('');
    void refresh();
  }

  return (
    <section className="team-section" aria-labelledby="team-tokens-title">
      <h2 id="team-tokens-title">{t('team.tokens')}</h2>
      <form className="team-token-form" onSubmit={(event) => void create(event)}>
        <input className="input" value={name} maxLength={64} placeholder={t('team.tokens.namePlaceholder')} aria-label={t('team.tokens.name')} onChange={(event) => setName(event.target.value)} />
        <select className="input" value={role} aria-label={t('team.tokens.role')} onChange={(event) => setRole(event.target.value === 'lead' ? 'lead' : 'agent')}>
          <option value="agent">{t('role.agent')}</option>
          <option value="lead">{t('role.lead')}</option>
        </select>
        <button type="submit" className="button button-primary" disabled={name.trim() === ''}>
          {t('team.tokens.create')}
        </button>
      </form>
      {created && (
        <div className="team-token-created" role="status">
          <p>{t('team.tokens.created', { name: created.name })}</p>
          <code>{created.token}</code>
        </div>
      )}
      {tokens && (
        <table className="report-table">
          <thead>
            <tr>
              <th>{t('team.tokens.name')}</th>
              <th>{t('team.tokens.role')}</th>
              <th>{t('team.tokens.status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {tokens.map((token, index) => (
              <tr key={`${token.name}-${token.createdAt}-${index}`}>
                <td>{token.name}</td>
                <td>{t(`role.${token.role}`)}</td>
                <td>
                  {token.revokedAt !== null
                    ? `${t('team.tokens.revoked')} ${new Date(token.revokedAt).toLocaleDateString(language)}`
                    : token.online
                      ? `${t('team.tokens.active')} · ${t('team.tokens.online')}`
                      : t('team.tokens.active')}
                </td>
                <td>
                  {token.revokedAt === null && (
                    <button type="button" className="button button-small button-quiet" onClick={() => setRevoking(token.name)}>
                      {t('team.tokens.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoking && (
        <ConfirmDialog
          message={t('team.tokens.revokeConfirm', { name: revoking })}
          confirmLabel={t('team.tokens.revoke')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const target = revoking;
            setRevoking(null);
            void call('team:revokeToken', { name: target }).then((answer) => {
              if (answer && !answer.ok) notifyError(t('team.failed', { message: answer.message }));
              void refresh();
            });
          }}
        />
      )}
    </section>
  );
}
