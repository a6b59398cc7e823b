/** Reply from the thread: pick the account (default: the one the last SMS came through) and write. */
import { Button, Group, Select, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorShape } from '../../../../shared/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useAccountsStore } from '../../stores/accounts.ts';
import { useInboxStore } from '../../stores/inbox.ts';

export function ReplyBox({ number, defaultAccountId }: { number: string; defaultAccountId: string | null }) {
  const { t } = useTranslation(['inbox', 'accounts']);
  // JSMS sends templates only: replies go through the platform or the box.
  const accounts = useAccountsStore((s) => s.accounts).filter((a) => a.kind !== 'jsms');
  const reply = useInboxStore((s) => s.reply);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const chosen = accountId ?? defaultAccountId ?? accounts[0]?.id ?? null;

  const send = async () => {
    if (!chosen || text.trim() === '') return;
    setSending(true);
    const r = await reply({ number, accountId: chosen, text });
    setSending(false);
    setError(r.ok ? null : r.error);
    if (r.ok) setText('');
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
      aria-label={t('reply.label', { number })}
    >
      {error && <ErrorAlert title={t('reply.failed')} error={error} testId="reply-error" />}
      <Textarea
        label={t('reply.text')}
        placeholder={t('reply.placeholder')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
        rows={3}
        resize="vertical"
        maxLength={2000}
        description={t('reply.hint')}
        data-testid="reply-text"
      />
      <Group justify="space-between" mt="xs" align="flex-end">
        <Select
          label={t('reply.account')}
          data={accounts.map((a) => ({ value: a.id, label: t('common:nameAndDetail', { name: a.name, detail: t(`accounts:kinds.${a.kind}`) }) }))}
          value={chosen}
          onChange={setAccountId}
          allowDeselect={false}
          placeholder={t('reply.noAccount')}
          w={280}
          data-testid="reply-account"
        />
        <Button type="submit" loading={sending} disabled={!chosen || text.trim() === ''} data-testid="reply-send">
          {t('reply.send')}
        </Button>
      </Group>
    </form>
  );
}
