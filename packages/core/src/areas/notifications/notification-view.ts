import type { LocalizedText } from '@ketenhuis/sdk';

export interface NotificationRow {
  id: string;
  kind: string;
  title: LocalizedText;
  case_id: string | null;
  referral_id: string | null;
  deadline_id: string | null;
  created_at: Date;
  read: boolean;
}

export const NOTIFICATION_COLUMNS = 'n.id, n.kind, n.title, n.case_id, n.referral_id, n.deadline_id, n.created_at';

/** Ids and codes, as stored: what the notification is about is read where it lives. */
export function notificationView(row: NotificationRow) {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    caseId: row.case_id,
    referralId: row.referral_id,
    deadlineId: row.deadline_id,
    read: row.read,
    createdAt: row.created_at.toISOString(),
  };
}
