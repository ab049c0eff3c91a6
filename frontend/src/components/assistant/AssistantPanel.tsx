import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { ApiError } from '../../api/errors';
import { api } from '../../api/instance';
import type { ConfirmedProposal, Conversation, Proposal } from '../../api/types';
import { useAuth } from '../../auth/context';
import {
  assistantErrorMessage, conversationKey, conversationTitle, toTurns, type ChatTurn, type ToolStep,
} from '../../lib/assistant';
import { isTerminal, pollInterval } from '../../lib/importStatus';
import { changeSetOutcome } from '../../lib/proposalDiff';
import { Badge, Loading } from '../Feedback';
import { ProposalDialog } from './ProposalDialog';

function storedConversation(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function remember(key: string, id: string | null) {
  try {
    if (id) localStorage.setItem(key, id);
    else localStorage.removeItem(key);
  } catch {
    // storage full or blocked: the conversation lasts as long as the panel
  }
}

/**
 * The assistant for one base: one conversation per person and base (its id kept in localStorage), the history with
 * each turn's tool steps, a composer (Enter sends, Shift+Enter starts a new line), and the proposals with a review
 * dialog; a confirmed proposal's change set is followed until it is done, then the grid is refreshed.
 */
export default function AssistantPanel({ baseId, baseName, onClose }: {
  baseId: string;
  baseName: string;
  onClose: () => void;
}) {
  const { user } = useAuth();
  const queryClient = useQueryClient();
  const storageKey = conversationKey(user?.id ?? 'anonymous', baseId);
  const [conversationId, setConversationId] = useState<string | null>(() => storedConversation(storageKey));
  const [draft, setDraft] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const [confirmed, setConfirmed] = useState<ReadonlyMap<string, ConfirmedProposal>>(new Map());
  const input = useRef<HTMLTextAreaElement>(null);
  const chat = useRef<HTMLOListElement>(null);
  const titleId = useId();
  const inputId = useId();
  const hintId = useId();

  const conversation = useQuery<Conversation | null>({
    queryKey: ['conversation', conversationId],
    enabled: !!conversationId,
    queryFn: async () => {
      try {
        return await api.conversation(conversationId ?? '');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null; // expired or deleted: start afresh
        throw error;
      }
    },
  });
  const gone = conversation.data === null;
  useEffect(() => {
    if (gone) remember(storageKey, null);
  }, [gone, storageKey]);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const send = useMutation({
    mutationFn: async (text: string) => {
      let id = conversationId && !gone ? conversationId : null;
      if (!id) {
        id = (await api.createConversation(baseId, conversationTitle(text))).conversationId;
        remember(storageKey, id);
      }
      try {
        const reply = await api.sendMessage(id, text);
        queryClient.setQueryData(['conversation', id], await api.conversation(id));
        return reply;
      } finally {
        setConversationId(id);
      }
    },
    onMutate: (text) => {
      setPending(text);
      setDraft('');
      setAnnouncement('');
    },
    onError: (_error, text) => {
      setDraft((current) => current || text);
      setPending(null);
    },
    onSuccess: (reply) => {
      setPending(null);
      const proposal = reply.proposals[0];
      const answer = reply.reply.content?.trim() || 'The assistant finished without a written answer.';
      setAnnouncement(`The assistant answered: ${answer}${proposal ? ` It proposes a change: ${proposal.summary}.` : ''}`);
      if (proposal) setReviewing(proposal.proposalId);
    },
  });

  const confirm = useMutation({
    mutationFn: (proposalId: string) => api.confirmProposal(conversationId ?? '', proposalId),
    onSuccess: (result) => {
      setConfirmed((m) => new Map(m).set(result.proposalId, result));
      setReviewing(null);
      setAnnouncement(result.changeSetId ? 'Confirmed. Applying the change…'
        : result.table ? `Confirmed. Table ${result.table.name} created.` : 'Confirmed.');
      void queryClient.invalidateQueries({ queryKey: ['conversation', conversationId] });
      if (result.table) void queryClient.invalidateQueries({ queryKey: ['tables', baseId] });
    },
  });

  const turns = toTurns(conversation.data?.messages ?? [], conversation.data?.proposals ?? []);
  const turnCount = turns.length;
  useEffect(() => {
    const list = chat.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [turnCount, pending]);

  const submit = () => {
    const text = draft.trim();
    if (!text || send.isPending) return;
    send.mutate(text);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  const startOver = () => {
    if (conversationId && !gone) void api.deleteConversation(conversationId).catch(() => undefined);
    remember(storageKey, null);
    setConversationId(null);
    setConfirmed(new Map());
    setDismissed(new Set());
    send.reset();
    setAnnouncement('Started a new conversation.');
    input.current?.focus();
  };
  const refreshData = () => {
    void queryClient.invalidateQueries({ queryKey: ['records', baseId] });
    void queryClient.invalidateQueries({ queryKey: ['linkNames', baseId] });
  };

  const allProposals = conversation.data?.proposals ?? [];
  const reviewed = allProposals.find((p) => p.proposalId === reviewing);

  return (
    <aside className="assistant-panel" id="assistant-panel" aria-labelledby={titleId}>
      <div className="assistant-header">
        <h2 id={titleId}>Assistant <span className="muted">· {baseName}</span></h2>
        <div className="assistant-actions">
          <button type="button" className="button button-small" onClick={startOver}
            disabled={send.isPending || (!conversationId && turnCount === 0)}>New conversation</button>
          <button type="button" className="button button-small button-quiet" onClick={onClose}
            aria-label="Close the assistant">Close</button>
        </div>
      </div>

      <ol className="chat" ref={chat} aria-label="Conversation with the assistant">
        {conversation.isFetching && !conversation.data && !pending ? <li><Loading label="Loading the conversation…" /></li> : null}
        {turnCount === 0 && !pending && !conversation.isFetching ? (
          <li className="chat-empty">
            Ask about the data in {baseName}, for example “Which deals are in negotiation?”. The assistant can also
            propose changes; nothing is written until you review and confirm them.
          </li>
        ) : null}
        {turns.map((turn) => (
          <Turn key={turn.turn} turn={turn} dismissed={dismissed} confirmed={confirmed}
            onReview={(id) => {
              confirm.reset();
              setReviewing(id);
            }} onApplied={refreshData} />
        ))}
        {pending ? (
          <li className="chat-turn">
            <p className="bubble bubble-user"><span className="visually-hidden">You: </span>{pending}</p>
            <Loading label="The assistant is working…" />
          </li>
        ) : null}
      </ol>

      {conversation.error ? <p className="alert alert-danger" role="alert">{assistantErrorMessage(conversation.error)}</p> : null}
      {send.error ? (
        <div className="alert alert-danger assistant-error" role="alert">{assistantErrorMessage(send.error)}</div>
      ) : null}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">{announcement}</div>

      <form className="composer" onSubmit={(event: SubmitEvent<HTMLFormElement>) => {
        event.preventDefault();
        submit();
      }}>
        <label htmlFor={inputId}>Message to the assistant</label>
        <textarea id={inputId} ref={input} rows={3} value={draft} aria-describedby={hintId} maxLength={16_000}
          onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
        <div className="composer-footer">
          <span id={hintId} className="help">Enter sends · Shift+Enter adds a line</span>
          <button type="submit" className="button button-primary" disabled={send.isPending || !draft.trim()}>
            {send.isPending ? 'Sending…' : 'Send'}
          </button>
        </div>
      </form>

      {reviewed ? (
        <ProposalDialog proposal={reviewed} busy={confirm.isPending} error={confirm.error}
          onConfirm={() => confirm.mutate(reviewed.proposalId)}
          onDismiss={() => {
            if (!confirm.isPending) {
              setDismissed((s) => new Set(s).add(reviewed.proposalId));
              setReviewing(null);
              setAnnouncement('Dismissed. Nothing was changed.');
            }
          }} />
      ) : null}
    </aside>
  );
}

function Turn({ turn, dismissed, confirmed, onReview, onApplied }: {
  turn: ChatTurn;
  dismissed: ReadonlySet<string>;
  confirmed: ReadonlyMap<string, ConfirmedProposal>;
  onReview: (proposalId: string) => void;
  onApplied: () => void;
}) {
  return (
    <li className="chat-turn">
      <p className="bubble bubble-user"><span className="visually-hidden">You: </span>{turn.question}</p>
      {turn.steps.length > 0 ? (
        <ul className="tool-steps" aria-label={`Tool steps (${turn.steps.length})`}>
          {turn.steps.map((step) => <Step key={step.id} step={step} />)}
        </ul>
      ) : null}
      {turn.answer ? (
        <p className="bubble bubble-assistant"><span className="visually-hidden">Assistant: </span>{turn.answer}</p>
      ) : null}
      {turn.proposals.map((p) => (
        <ProposalCard key={p.proposalId} proposal={p} dismissed={dismissed.has(p.proposalId)}
          confirmed={confirmed.get(p.proposalId)} onReview={() => onReview(p.proposalId)} onApplied={onApplied} />
      ))}
    </li>
  );
}

function Step({ step }: { step: ToolStep }) {
  return (
    <li>
      <details className={step.ok ? 'tool-step' : 'tool-step tool-step-failed'}>
        <summary>
          <span className="tool-name">{step.label}</span>{' '}
          <span className="tool-args">({step.argumentsLine})</span>{' '}
          <span className="muted">→ {step.result || 'no result'}</span>
        </summary>
        <dl className="tool-detail">
          <dt>Tool</dt>
          <dd><code>{step.tool}</code></dd>
          <dt>Arguments</dt>
          <dd><pre>{step.argumentsJson}</pre></dd>
          <dt>Result</dt>
          <dd>{step.result || 'No result.'}</dd>
        </dl>
      </details>
    </li>
  );
}

function ProposalCard({ proposal, dismissed, confirmed, onReview, onApplied }: {
  proposal: Proposal;
  dismissed: boolean;
  confirmed: ConfirmedProposal | undefined;
  onReview: () => void;
  onApplied: () => void;
}) {
  const changeSetId = confirmed?.changeSetId ?? proposal.changeSetId;
  const done = proposal.status !== 'PROPOSED' || confirmed !== undefined;
  return (
    <section className="proposal-card" aria-label={`Proposed change: ${proposal.summary}`}>
      <p className="proposal-summary">
        <strong>{proposal.summary}</strong>{' '}
        {!done ? <Badge tone="neutral">{dismissed ? 'Dismissed' : 'Waiting for your review'}</Badge> : null}
      </p>
      {!done && dismissed ? <p className="muted">Dismissed: nothing was changed.</p> : null}
      {!done ? (
        <button type="button" className="button button-small" onClick={onReview}>
          {dismissed ? 'Review again' : 'Review change'}
        </button>
      ) : null}
      {confirmed?.table ? <p>Table “{confirmed.table.name}” created.</p> : null}
      {confirmed?.recordsError ? (
        <p className="alert alert-danger" role="alert">Its records were not written: {confirmed.recordsError.message}</p>
      ) : null}
      {changeSetId ? <ChangeSetStatus changeSetId={changeSetId} onApplied={onApplied} />
        : done ? <p role="status"><Badge tone="success">Confirmed</Badge></p> : null}
    </section>
  );
}

/** Follows a change set (GET /changesets/{id} every second) until it is done; then the grid is refreshed. */
function ChangeSetStatus({ changeSetId, onApplied }: { changeSetId: string; onApplied: () => void }) {
  const job = useQuery({
    queryKey: ['changeset', changeSetId],
    queryFn: () => api.changeSetDetail(changeSetId),
    refetchInterval: (query) => pollInterval(query.state.data?.status),
  });
  const status = job.data?.status;
  const finished = isTerminal(status);
  const applied = useRef(onApplied);
  useEffect(() => {
    applied.current = onApplied;
  });
  useEffect(() => {
    if (finished) applied.current();
  }, [finished]);
  if (job.error) return <p className="alert alert-danger" role="alert">{assistantErrorMessage(job.error)}</p>;
  const outcome = job.data ? changeSetOutcome(job.data) : null;
  return (
    <div className={`changeset-status changeset-${outcome?.tone ?? 'progress'}`} role="status">
      <Badge tone={outcome?.tone ?? 'progress'}>{outcome?.label ?? 'Applying'}</Badge>{' '}
      <span>{outcome?.sentence ?? 'Applying the change…'}</span>
    </div>
  );
}
