import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { passwordOf, renewPassword } from './accounts';

/** Calls a procedure over HTTP with the page's session cookie, as the renderer does (setup data). */
export async function api<T = unknown>(request: APIRequestContext, name: string, input: unknown): Promise<T> {
  const post = async <R>(procedure: string, data: unknown): Promise<R> => {
    const response = await request.post(`/api/${procedure}`, { data, headers: { 'content-type': 'application/json' } });
    const body = (await response.json()) as { ok: boolean; result?: R; error?: { message: string } };
    if (!body.ok) throw new Error(`${procedure}: ${body.error?.message ?? response.status()}`);
    return body.result as R;
  };
  if (name !== 'auth.signIn') return post<T>(name, input);
  // An admin-set password must be replaced first, as the sign-in screen makes people do (see accounts.ts).
  const { email, password } = input as { email: string; password: string };
  const current = passwordOf(email, password);
  const session = await post<{ mustChangePassword?: boolean }>(name, { email, password: current });
  if (!session.mustChangePassword) return session as T;
  return post<T>('auth.changePassword', { currentPassword: current, newPassword: renewPassword(email, password) });
}

/** The review queue (`/leads/review`): list, detail pane, key legend and its dialogs. */
export class LeadQueuePage {
  readonly rows: Locator;
  readonly activeRow: Locator;
  readonly detail: Locator;
  readonly detailTitle: Locator;
  readonly detailStatus: Locator;
  readonly legend: Locator;
  readonly help: Locator;
  readonly conflict: Locator;
  readonly decisionForm: Locator;
  readonly confirm: Locator;
  readonly rejectReason: Locator;
  readonly dealValue: Locator;
  readonly crmId: Locator;
  readonly duplicatePanel: Locator;
  readonly duplicateLink: Locator;
  readonly breakdownLines: Locator;
  readonly partnerFilter: Locator;
  readonly selectedCount: Locator;
  readonly bulkApprove: Locator;
  readonly bulkReject: Locator;
  readonly bulkConfirm: Locator;
  readonly bulkRows: Locator;
  readonly bulkSummary: Locator;
  readonly bulkClose: Locator;

  constructor(readonly page: Page) {
    this.rows = page.getByTestId('queue-row');
    this.activeRow = page.locator('[data-testid="queue-row"][data-active="true"]');
    this.detail = page.getByTestId('queue-detail');
    this.detailTitle = page.getByTestId('queue-detail-title');
    this.detailStatus = page.getByTestId('queue-detail-status');
    this.legend = page.getByTestId('queue-legend');
    this.help = page.getByTestId('queue-help');
    this.conflict = page.getByTestId('queue-conflict');
    this.decisionForm = page.getByTestId('lead-decision-form');
    this.confirm = page.getByTestId('lead-decision-confirm');
    this.rejectReason = page.getByTestId('lead-reject-reason');
    this.dealValue = page.getByTestId('lead-deal-value-input');
    this.crmId = page.getByTestId('lead-crm-id');
    this.duplicatePanel = page.getByTestId('lead-duplicate-panel');
    this.duplicateLink = page.getByTestId('lead-duplicate-link');
    this.breakdownLines = page.getByTestId('lead-score-line');
    this.partnerFilter = page.getByTestId('queue-filter-partner');
    this.selectedCount = page.getByTestId('queue-selected-count');
    this.bulkApprove = page.getByTestId('queue-bulk-approve');
    this.bulkReject = page.getByTestId('queue-bulk-reject');
    this.bulkConfirm = page.getByTestId('lead-bulk-confirm');
    this.bulkRows = page.getByTestId('lead-bulk-row');
    this.bulkSummary = page.getByTestId('lead-bulk-summary');
    this.bulkClose = page.getByTestId('lead-bulk-close');
  }

  row(contactName: string): Locator {
    return this.rows.filter({ hasText: contactName });
  }

  count(status: string): Locator {
    return this.page.getByTestId(`lead-count-${status}`);
  }

  /** The scores of the loaded rows, top to bottom. */
  async scores(): Promise<number[]> {
    const values = await this.rows.locator('[data-score]').evaluateAll((els) => els.map((el) => Number((el as unknown as { dataset: { score: string } }).dataset.score)));
    return values;
  }

  /** One single-key shortcut, with the focus on the page body (not in a field). */
  async key(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }
}

/** The "submit a lead on behalf of a partner" drawer. */
export class SubmitLeadDrawer {
  readonly open: Locator;
  readonly form: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.open = page.getByTestId('leads-submit-open');
    this.form = page.getByTestId('lead-submit-form');
    this.submit = page.getByTestId('lead-submit');
  }

  async fill(lead: { partner: string; contactName: string; company: string; email: string; phone: string; value: string }): Promise<void> {
    const partner = this.page.getByTestId('lead-partner');
    await partner.click();
    await partner.fill(lead.partner);
    await this.page.getByRole('option', { name: new RegExp(lead.partner) }).first().click();
    await this.page.getByTestId('lead-contact-name').fill(lead.contactName);
    await this.page.getByTestId('lead-company').fill(lead.company);
    await this.page.getByTestId('lead-email').fill(lead.email);
    await this.page.getByTestId('lead-phone').fill(lead.phone);
    await this.page.getByTestId('lead-estimated-value-input').fill(lead.value);
  }
}

/** `/leads/$id`. */
export class LeadDetailPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly status: Locator;
  readonly history: Locator;
  readonly historyRows: Locator;
  readonly breakdownLines: Locator;
  readonly dealValue: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('lead-detail');
    this.title = page.getByTestId('lead-title');
    this.status = page.getByTestId('lead-status');
    this.history = page.getByTestId('lead-history');
    this.historyRows = page.getByTestId('lead-history').getByTestId('activity-row');
    this.breakdownLines = page.getByTestId('lead-score-line');
    this.dealValue = page.getByTestId('lead-deal-value');
  }
}
