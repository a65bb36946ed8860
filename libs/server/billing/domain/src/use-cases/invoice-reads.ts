import { DomainError, type Actor, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { hasRole } from '../model/actor.js';
import type { BillingAccount } from '../model/billing-account.js';
import type { BillingAccountId, InvoiceId } from '../model/ids.js';
import type { Invoice, InvoiceStatus } from '../model/invoice.js';
import type { BillingAccounts } from '../ports/billing-accounts.js';
import type { BillingDirectory } from '../ports/billing-directory.js';
import type { Invoices } from '../ports/invoices.js';

const invoiceNotFound = () => DomainError.notFound('BILLING.INVOICE_NOT_FOUND', 'The invoice');
const accountNotFound = () => DomainError.notFound('BILLING.ACCOUNT_NOT_FOUND', 'The billing account');

/** An account with the name it is invoiced under (the family's; an adult student's own account has none here). */
export interface NamedAccount {
  account: BillingAccount;
  familyName: string | null;
}

/**
 * The accounts whose invoices the person may read: admins every account; a guardian with view or full access in a
 * family that family's; whoever an account names as payer (a family's payer guardian, an adult student paying for
 * themself) that account. Nobody else any.
 */
export class AccountVisibility {
  constructor(
    private readonly accounts: BillingAccounts,
    private readonly directory: BillingDirectory,
  ) {}

  async visibleTo(actor: Actor): Promise<BillingAccount[]> {
    const all = await this.accounts.list();
    if (hasRole(actor, 'admin')) return all;
    if (!hasRole(actor, 'parent', 'student')) return [];
    const guarded = new Set<FamilyId>(hasRole(actor, 'parent') ? await this.directory.familiesGuardedBy(actor.userId) : []);
    return all.filter((a) => a.payerId === actor.userId || a.ownStudentId === actor.userId || (a.familyId !== null && guarded.has(a.familyId)));
  }

  /**
   * Who, besides the admins, may read the account's invoices: its payer, an adult student paying for themself, and the
   * family's guardians with access to a child. None for an account the school does not have.
   */
  async readersOf(accountId: BillingAccountId): Promise<UserId[]> {
    const [account] = await this.accounts.byIds([accountId]);
    if (!account) return [];
    const guardians = account.familyId ? await this.directory.guardiansOf(account.familyId) : [];
    return [...new Set([account.payerId, account.ownStudentId, ...guardians].filter((id): id is UserId => id !== null))];
  }

  /** The account if the person may read it, else a 404 (whether or not it exists). */
  async readable(actor: Actor, accountId: BillingAccountId): Promise<BillingAccount> {
    const account = (await this.visibleTo(actor)).find((a) => a.id === accountId);
    if (!account) throw accountNotFound();
    return account;
  }
}

export interface InvoiceFilter {
  status?: InvoiceStatus;
  familyId?: FamilyId;
  /** The billing period's first day (`YYYY-MM-DD`). */
  periodFrom?: string;
}

async function named(directory: BillingDirectory, accounts: readonly BillingAccount[]): Promise<Map<BillingAccountId, NamedAccount>> {
  const names = new Map((await directory.families()).map((f) => [f.familyId, f.name]));
  return new Map(accounts.map((account) => [account.id, { account, familyName: account.familyId ? (names.get(account.familyId) ?? null) : null }]));
}

/** The invoices the person may read (see `AccountVisibility`), newest first, filtered by status, family and period. */
export class ListInvoices {
  constructor(
    private readonly invoices: Invoices,
    private readonly visibility: AccountVisibility,
    private readonly directory: BillingDirectory,
  ) {}

  async execute(actor: Actor, filter: InvoiceFilter): Promise<{ invoices: Invoice[]; accounts: Map<BillingAccountId, NamedAccount> }> {
    const visible = (await this.visibility.visibleTo(actor)).filter((a) => !filter.familyId || a.familyId === filter.familyId);
    const invoices = await this.invoices.list({ accountIds: visible.map((a) => a.id), status: filter.status, periodFrom: filter.periodFrom });
    return { invoices, accounts: await named(this.directory, visible) };
  }
}

/** One invoice with its lines, for whoever may read its account; anyone else is answered 404. */
export class GetInvoice {
  constructor(
    private readonly invoices: Invoices,
    private readonly visibility: AccountVisibility,
    private readonly directory: BillingDirectory,
  ) {}

  async execute(actor: Actor, invoiceId: InvoiceId): Promise<{ invoice: Invoice; account: NamedAccount }> {
    const invoice = await this.invoices.get(invoiceId);
    if (!invoice) throw invoiceNotFound();
    const account = (await this.visibility.visibleTo(actor)).find((a) => a.id === invoice.accountId);
    if (!account) throw invoiceNotFound();
    const entry = (await named(this.directory, [account])).get(account.id);
    return { invoice, account: entry ?? { account, familyName: null } };
  }
}

/** The billing accounts the person may read (admins: all), with their families' names. */
export class ListBillingAccounts {
  constructor(
    private readonly visibility: AccountVisibility,
    private readonly directory: BillingDirectory,
  ) {}

  async execute(actor: Actor): Promise<NamedAccount[]> {
    const visible = await this.visibility.visibleTo(actor);
    const byId = await named(this.directory, visible);
    return [...byId.values()].sort((a, b) => (a.familyName ?? '').localeCompare(b.familyName ?? '') || a.account.id.localeCompare(b.account.id));
  }
}

/** One billing account, for whoever may read it (404 otherwise). */
export class GetBillingAccount {
  constructor(
    private readonly visibility: AccountVisibility,
    private readonly directory: BillingDirectory,
  ) {}

  async execute(actor: Actor, accountId: BillingAccountId): Promise<NamedAccount> {
    const account = await this.visibility.readable(actor, accountId);
    return (await named(this.directory, [account])).get(account.id) ?? { account, familyName: null };
  }
}
