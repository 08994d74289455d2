import type { Mutation, MutationAck, RelayEventOf } from '../../shared/protocol';
import type { ConversationStatus } from '../../shared/workflow/conversation-status';
import type { InboxSettings } from '../../shared/workflow/inbox-settings';
import type { AgentRole, AgentTokenRecord } from './relay-store';

/** Team-inbox persistence (sqlite-workflow.ts, sqlite-team-admin.ts), each method one transaction. */

export type WorkflowMutation = Extract<Mutation, { type: 'conversation.setStatus' | 'conversation.assign' | 'note.add' | 'customer.setNote' }>;

export interface WorkflowMutationInput {
  mutation: WorkflowMutation;
  agent: { name: string; role: AgentRole };
  now: number;
}

export interface ConversationWorkflowRecord {
  conversationId: string;
  status: ConversationStatus;
  snoozedUntil: number | null;
  assignee: string | null;
}

export interface StoredInboxSettings {
  version: number;
  settings: InboxSettings;
  updatedBy: string;
  updatedAt: number;
}

export interface SaveInboxSettingsInput {
  mutationId: string | null;
  settings: InboxSettings;
  baseVersion: number;
  agentName: string;
  now: number;
}

/** One connected agent socket on some relay process; renewed while connected, gone after `expiresAt`. */
export interface AgentSessionInput {
  sessionId: string;
  agentName: string;
  role: AgentRole;
  now: number;
  ttlMs: number;
}

export interface TokenCreateByMutationInput {
  mutationId: string;
  agentName: string;
  token: AgentTokenRecord;
  now: number;
}

export interface TokenRevokeByMutationInput {
  mutationId: string;
  agentName: string;
  name: string;
  now: number;
}

export interface TokenMutationResult {
  answer: MutationAck;
  /** False when the id had an answer already (the token of a repeated token.create is not shown again). */
  applied: boolean;
}

export type TeamReportSourceEvent = RelayEventOf<'message.received' | 'message.sent' | 'delivery.updated'>;
