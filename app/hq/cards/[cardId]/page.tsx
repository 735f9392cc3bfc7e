import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale } from 'next-intl/server';
import { BlockCardForm } from '@/components/form/block-card-form';
import { ToggleForm } from '@/components/form/toggle-form';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableRow } from '@/components/ui/table';
import { getStorePolicy } from '@/lib/accounts/get-store-policy';
import { can } from '@/lib/auth/permissions';
import { blockReasonLabel } from '@/lib/cards/block-reasons';
import { getCardDetail } from '@/lib/cards/get-card-detail';
import { STATUS_LABELS } from '@/lib/counter/views';
import { requirePageActor } from '@/lib/edge/session';
import { isAppError } from '@/lib/errors';
import { formatMoney } from '@/lib/money/format';
import { formatDateTime } from '@/lib/time/format';
import { blockCardAction, unblockCardAction } from '../actions';

export const metadata: Metadata = { title: 'Card' };

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-sm break-all text-slate-900">{children}</dd>
    </div>
  );
}

export default async function CardPage({ params }: { params: Promise<{ cardId: string }> }) {
  const { cardId } = await params;
  const actor = await requirePageActor('cards:read', `/hq/cards/${encodeURIComponent(cardId)}`);
  let card: Awaited<ReturnType<typeof getCardDetail>>;
  try {
    card = await getCardDetail(actor, cardId);
  } catch (error) {
    if (isAppError(error) && error.code === 'NOT_FOUND') notFound();
    throw error;
  }
  const tz = (await getStorePolicy(actor)).timeZone;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, tz) : '—');
  const locale = await getLocale();
  const money = (n: number) => (card.currency ? formatMoney(n, card.currency, locale) : String(n));
  const mayBlock = can(actor.role, 'cards:block');
  return (
    <>
      <PageHeader title={`Card ${card.cardId}`}>
        <Link href="/hq/cards" className="text-sm text-brand-700 underline">
          Back to search
        </Link>
      </PageHeader>
      <div className="grid gap-6">
        <Card title="Card">
          <dl className="grid grid-cols-2 gap-4 md:grid-cols-4" data-testid="card-facts">
            <Fact label="Status">{card.blocked ? <Badge tone="bad">Blocked</Badge> : STATUS_LABELS[card.status]}</Fact>
            <Fact label="Token">{card.maskedCode ?? '—'}</Fact>
            <Fact label="Type">{card.type}</Fact>
            <Fact label="Currency">{card.currency ?? '—'}</Fact>
            <Fact label="Amount loaded">{money(card.amount)}</Fact>
            {Object.entries(card.amounts).map(([k, v]) => (
              <Fact key={k} label={k}>
                {money(v)}
              </Fact>
            ))}
            <Fact label="Created">{when(card.dates.created)}</Fact>
            <Fact label="Activated">{when(card.dates.activated)}</Fact>
            <Fact label="Active from">{when(card.dates.activeFrom)}</Fact>
            <Fact label="Expires">{when(card.dates.expires)}</Fact>
            <Fact label="Print run">
              {card.batch ? (
                <Link className="underline" href={`/hq/print-runs/${card.batch.id}`}>
                  {card.batch.purchaseOrder ?? card.batch.id}
                </Link>
              ) : (
                '—'
              )}
            </Fact>
            <Fact label="Store of activation">{card.activatedStore ?? '—'}</Fact>
            <Fact label="Activated by">{card.activatedBy ?? '—'}</Fact>
            <Fact label="Customer">{card.customerId ?? '—'}</Fact>
            <Fact label="Name">{card.name ?? '—'}</Fact>
            <Fact label="Metadata">
              <code className="text-xs">{JSON.stringify(card.metadata)}</code>
            </Fact>
          </dl>
        </Card>
        <Card title="Block">
          {card.blocked ? (
            <div className="flex flex-wrap items-start justify-between gap-4" data-testid="card-block">
              <p className="text-sm">
                Blocked {when(card.blocked.at)} by {card.blocked.by} — {blockReasonLabel(card.blocked.reason)}
                {card.blocked.note ? `: ${card.blocked.note}` : ''}
              </p>
              {mayBlock ? <ToggleForm action={unblockCardAction} fields={{ cardId: card.cardId }} label="Unblock this card" /> : null}
            </div>
          ) : mayBlock ? (
            <BlockCardForm action={blockCardAction} cardId={card.cardId} />
          ) : (
            <p className="text-sm text-slate-600">Not blocked.</p>
          )}
        </Card>
        <Card title="Ledger">
          <Table
            caption="Ledger rows, oldest first"
            testId="card-ledger"
            columns={[
              { label: 'When' },
              { label: 'Kind' },
              { label: 'Amount' },
              { label: 'Balance after' },
              { label: 'Ref id' },
              { label: 'Parent' },
              { label: 'By' },
            ]}
          >
            {card.ledger.map((r) => (
              <TableRow key={r.id}>
                <td className="py-2">{when(r.at)}</td>
                <td>{r.kind}</td>
                <td className="tabular-nums">
                  {r.signedAmount > 0 ? '+' : ''}
                  {money(r.signedAmount)}
                </td>
                <td className="tabular-nums">{money(r.balanceAfter)}</td>
                <td className="break-all">{r.refId}</td>
                <td className="break-all">{r.parentId ?? '—'}</td>
                <td className="break-all">{r.actor}</td>
              </TableRow>
            ))}
          </Table>
        </Card>
        <Card title="Audit trail">
          <Table
            caption="Audit events, newest first"
            testId="card-audit"
            columns={[{ label: 'When' }, { label: 'Action' }, { label: 'Who' }, { label: 'Details' }]}
          >
            {card.audit.map((a) => (
              <TableRow key={a.id}>
                <td className="py-2">{when(a.at)}</td>
                <td>{a.action}</td>
                <td className="break-all">
                  {a.actorType.toLowerCase()}:{a.actorId ?? '—'}
                </td>
                <td>
                  <code className="text-xs break-all">{JSON.stringify(a.data)}</code>
                </td>
              </TableRow>
            ))}
          </Table>
        </Card>
      </div>
    </>
  );
}
