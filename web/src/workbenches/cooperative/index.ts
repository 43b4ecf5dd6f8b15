/**
 * The 两山 cooperative workbench (合作社): log in, pool the map's parcels into a project under
 * contracts with village collectives, freeze the carbon engine's estimate, monitor → verify →
 * issue serial blocks, list, buy, pledge and retire credits (printable retirement certificate),
 * pay out to the fen (printable statement, CSV with BOM), check the ledger, and read the public
 * registry. What a user sees follows their roles; the server checks every write again.
 */
import type { Workbench, WorkbenchContext } from '../../shell/registry.ts';
import { h, replace, type Child } from '../../dom.ts';
import { areaText, lang, num, t, type Key } from '../../i18n.ts';
import { api, downloadCsv, setCsrf, type Block, type Listing, type Party, type Payout, type Project, type ProjectDetail, type Purchase, type Registry, type Retirement, type Session, type Statement, type Verify } from './client.ts';

export function cooperativeWorkbench(): Workbench {
  return { id: 'cooperative', title: { zh: '两山合作社', en: 'Cooperative' }, mount };
}

interface View {
  session: Session | null;
  projects: Project[];
  parties: Party[];
  projectId: number | null;
  detail: ProjectDetail | null;
  blocks: Block[];
  listings: Listing[];
  retirements: Retirement[];
  payouts: Payout[];
  message: { kind: 'ok' | 'error'; text: string } | null;
  lastPurchase: Purchase | null;
}

const has = (v: View, ...roles: string[]) => !!v.session?.identity?.roles.some((r) => roles.includes(r) || r === 'admin');
const stateText = (s: string) => t(`ledger_state_${s}` as Key);
const fenText = (fen: number) => (fen / 100).toLocaleString(lang() === 'en' ? 'en-US' : 'zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function mount(container: HTMLElement, ctx: WorkbenchContext): () => void {
  const root = h('section', { id: 'coop-section', 'data-testid': 'coop-panel' });
  container.append(root);
  const v: View = { session: null, projects: [], parties: [], projectId: null, detail: null, blocks: [], listings: [], retirements: [], payouts: [], message: null, lastPurchase: null };
  let alive = true;
  let newOpen = false;

  const run = (f: () => Promise<unknown>, ok?: string) => async () => {
    try {
      const r = await f();
      v.message = typeof r === 'string' ? { kind: 'ok', text: r } : ok ? { kind: 'ok', text: ok } : null;
    } catch (e) {
      v.message = { kind: 'error', text: (e as Error).message };
    }
    await refresh();
  };

  async function refresh(): Promise<void> {
    try {
      v.session = await api<Session>('GET', '/api/auth/session');
      setCsrf(v.session.csrf_token);
      if (v.session.identity) {
        [v.projects, v.parties] = await Promise.all([
          api<{ projects: Project[] }>('GET', '/api/ledger/projects').then((r) => r.projects),
          api<{ parties: Party[] }>('GET', '/api/ledger/parties').then((r) => r.parties),
        ]);
        if (v.projectId == null && v.projects.length) {
          // Start on the newest project of the user's own cooperative, else the newest.
          const own = v.projects.filter((p) => p.cooperative_id === v.session?.identity?.party_id);
          v.projectId = (own.at(-1) ?? v.projects.at(-1))!.id;
        }
        if (v.projectId != null) {
          const id = v.projectId;
          [v.detail, v.blocks, v.listings, v.retirements] = await Promise.all([
            api<ProjectDetail>('GET', `/api/ledger/projects/${id}`),
            api<{ blocks: Block[] }>('GET', `/api/ledger/blocks?project_id=${id}`).then((r) => r.blocks),
            api<{ listings: Listing[] }>('GET', `/api/ledger/listings?project_id=${id}`).then((r) => r.listings),
            api<{ retirements: Retirement[] }>('GET', `/api/ledger/retirements?project_id=${id}`).then((r) => r.retirements),
          ]);
          v.payouts = has(v, 'operator', 'village', 'verifier', 'bureau') ? (await api<{ payouts: Payout[] }>('GET', `/api/ledger/payouts?project_id=${id}`)).payouts : [];
        }
      }
    } catch (e) {
      v.message = { kind: 'error', text: (e as Error).message };
    }
    if (alive) render();
  }

  const partyName = (id: number) => v.parties.find((p) => p.id === id)?.name ?? `#${id}`;
  const input = (testid: string, attrs: Record<string, unknown> = {}) => h('input', { 'data-testid': testid, ...attrs });
  const val = (testid: string) => (root.querySelector(`[data-testid="${testid}"]`) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  const field = (label: Key, control: Child) => h('label', { class: 'coop-field' }, h('span', null, t(label)), control);
  const table = (head: Key[], rows: Child[][], testid?: string) =>
    rows.length ? h('table', { class: 'coop-table', 'data-testid': testid }, h('thead', null, h('tr', null, head.map((k) => h('th', null, t(k))))), h('tbody', null, rows.map((r) => h('tr', null, r.map((c) => h('td', null, c))))))
      : h('p', { class: 'muted' }, t('ledger_none'));

  function loginView(): Child {
    if (v.session?.identity) {
      const roles = v.session.identity.roles.join(', ');
      return h('div', { class: 'coop-login' },
        h('span', { 'data-testid': 'coop-whoami' }, t('ledger_logged_in', { user: v.session.user?.display_name ?? v.session.identity.id, roles })), ' ',
        h('button', { 'data-testid': 'coop-logout', onclick: run(async () => { await api('POST', '/api/auth/logout'); setCsrf(null); v.projectId = null; v.detail = null; }) }, t('ledger_logout')));
    }
    return h('form', { class: 'coop-login', onsubmit: (e: Event) => { e.preventDefault(); void run(async () => {
      const s = await api<Session>('POST', '/api/auth/login', { username: val('coop-username'), password: val('coop-password') });
      setCsrf(s.csrf_token);
    })(); } },
      h('p', { class: 'muted' }, t('ledger_not_logged_in')),
      field('ledger_username', input('coop-username', { autocomplete: 'username' })),
      field('ledger_password', input('coop-password', { type: 'password', autocomplete: 'current-password' })),
      h('button', { type: 'submit', class: 'primary', 'data-testid': 'coop-login' }, t('ledger_login')));
  }

  function projectsView(): Child {
    const select = h('select', { 'data-testid': 'coop-project-select', onchange: (e: Event) => { v.projectId = Number((e.target as HTMLSelectElement).value); void refresh(); } },
      v.projects.map((p) => h('option', { value: String(p.id), selected: p.id === v.projectId ? true : undefined }, `${p.code} ${p.name}`)));
    select.value = String(v.projectId ?? '');
    return h('div', null,
      h('h3', null, t('ledger_projects')),
      v.projects.length ? field('ledger_choose_project', select) : h('p', { class: 'muted' }, t('ledger_none')),
      has(v, 'operator') && h('details', { class: 'coop-new', open: newOpen || !v.projects.length ? true : undefined, ontoggle: (e: Event) => { newOpen = (e.target as HTMLDetailsElement).open; } },
        h('summary', null, t('ledger_new_project')),
        field('ledger_code', input('coop-new-code', { placeholder: 'AJ2024' })),
        field('ledger_name', input('coop-new-name', { placeholder: '安吉竹林碳汇收储' })),
        field('ledger_kind', h('select', { 'data-testid': 'coop-new-kind' }, ['forest', 'bamboo', 'wetland'].map((k) => h('option', { value: k }, t(`ledger_kind_${k}` as Key))))),
        h('button', { 'data-testid': 'coop-new-project', onclick: run(async () => {
          const kind = val('coop-new-kind');
          const p = await api<Project>('POST', '/api/ledger/projects', { code: val('coop-new-code').trim().toUpperCase(), name: val('coop-new-name').trim(), kind, methodology: kind === 'bamboo' ? 'AR-CM-005-V01' : kind === 'forest' ? 'AR-CM-003-V01' : 'AR-CM-003-V01' });
          v.projectId = p.id;
        }) }, t('ledger_create'))));
  }

  function poolView(d: ProjectDetail): Child {
    const parcels = ctx.store.get().parcels;
    const villages = v.parties.filter((p) => p.kind === 'village');
    return h('div', null,
      h('h3', null, t('ledger_pool')),
      h('p', { class: 'muted' }, t('ledger_pool_hint')),
      parcels.length ? h('ul', { class: 'coop-parcels' }, parcels.map((p) => h('li', null, h('label', null, h('input', { type: 'checkbox', checked: true, 'data-testid': 'coop-parcel-check', 'data-parcel': p.id }), ' ', p.name))))
        : h('p', { class: 'muted', 'data-testid': 'coop-no-parcels' }, t('ledger_no_parcels')),
      field('ledger_village', h('select', { 'data-testid': 'coop-village' }, villages.map((p) => h('option', { value: String(p.id) }, p.name)))),
      field('ledger_rate', input('coop-rate', { type: 'number', value: '16.926', step: '0.001', min: '0' })),
      field('ledger_every', input('coop-every', { type: 'number', value: '3', min: '1' })),
      field('ledger_start', input('coop-start', { type: 'number', value: String(new Date().getFullYear()) })),
      field('ledger_term', input('coop-term', { type: 'number', value: '30', min: '1' })),
      h('button', { class: 'primary', 'data-testid': 'coop-pool', disabled: !parcels.length || !villages.length ? true : undefined, onclick: run(async () => {
        const checked = [...root.querySelectorAll<HTMLInputElement>('[data-testid=coop-parcel-check]')].filter((c) => c.checked).map((c) => c.dataset.parcel);
        for (const p of parcels.filter((x) => checked.includes(x.id))) {
          await api('POST', `/api/ledger/projects/${d.id}/parcels`, {
            name: p.name, geometry: p.geometry, village_id: Number(val('coop-village')), start_year: Number(val('coop-start')), term_years: Number(val('coop-term')),
            rule: { kind: 'fixed', cny_per_mu_yr: val('coop-rate'), every_years: Number(val('coop-every')) },
          });
        }
      }, t('ledger_done')) }, t('ledger_pool_selected')));
  }

  function contractsView(d: ProjectDetail): Child {
    return h('div', null,
      h('h3', null, t('ledger_contracts')),
      table(['ledger_name', 'ledger_village', 'ledger_area', 'ledger_payment'], d.contracts.map((c) => [
        c.parcel_name, partyName(c.village_id), areaText(c.area_ha), c.schedule[0] ? `${c.schedule[0].cny} 元 / ${c.schedule[0].years} ${lang() === 'en' ? 'yr' : '年'}` : '–',
      ]), 'coop-contracts'));
  }

  function monitoringView(d: ProjectDetail): Child {
    const latest = d.snapshots.at(-1);
    return h('div', null,
      h('h3', null, t('ledger_monitoring')),
      has(v, 'operator') && h('div', null,
        h('button', { 'data-testid': 'coop-snapshot', disabled: d.parcels ? undefined : true, onclick: run(() => api('POST', `/api/ledger/projects/${d.id}/snapshots`, {}), t('ledger_done')) }, t('ledger_snapshot')),
        latest && h('p', { 'data-testid': 'coop-snapshot-figure' }, `${t('ledger_sink')}: ${num(latest.sink_tCO2e_per_yr, 1)} t CO₂e · ${latest.model_version}`),
        field('ledger_vintage', input('coop-vintage', { type: 'number', value: String(new Date().getFullYear() - 1) })),
        field('ledger_claim', input('coop-claim', { type: 'number', min: '1' })),
        field('ledger_reason', input('coop-reason')),
        h('button', { 'data-testid': 'coop-monitor', onclick: run(async () => {
          const y = Number(val('coop-vintage'));
          const claim = val('coop-claim');
          await api('POST', `/api/ledger/projects/${d.id}/monitoring`, { vintage: y, period_start: `${y}-01-01`, period_end: `${y}-12-31`, ...(claim ? { claimed_t: Number(claim) } : {}), ...(val('coop-reason') ? { reason: val('coop-reason') } : {}) });
        }) }, t('ledger_submit'))),
      table(['ledger_vintage', 'ledger_engine', 'ledger_claimed', 'ledger_verified', 'ledger_status', 'ledger_status'], d.monitoring.map((m) => [
        String(m.vintage), m.engine_t == null ? '–' : num(m.engine_t, 1), String(m.claimed_t), m.verified_t == null ? '–' : String(m.verified_t), m.status,
        [
          m.status === 'submitted' && has(v, 'verifier') && h('button', { 'data-testid': `coop-approve-${m.id}`, onclick: run(() => api('POST', `/api/ledger/monitoring/${m.id}/verification`, { decision: 'approve' })) }, t('ledger_approve')),
          m.status === 'approved' && has(v, 'operator') && h('button', { 'data-testid': `coop-issue-${m.id}`, onclick: run(() => api('POST', `/api/ledger/monitoring/${m.id}/issuance`)) }, t('ledger_issue')),
        ],
      ]), 'coop-monitoring'));
  }

  function blocksView(): Child {
    const me = v.session?.identity?.party_id;
    const mine = (b: Block) => b.owner_id === me || has(v);
    const lenders = v.parties.filter((p) => p.kind === 'lender');
    return h('div', null,
      h('h3', null, t('ledger_blocks')),
      table(['ledger_serial', 'ledger_quantity', 'ledger_owner', 'ledger_status', 'ledger_list'], v.blocks.map((b) => [
        h('code', null, b.serial), String(b.quantity_t), partyName(b.owner_id), h('span', { class: `coop-state ${b.state}` }, stateText(b.state)),
        b.state === 'held' && mine(b) && has(v, 'operator', 'buyer') ? h('span', { class: 'coop-actions' },
          h('input', { type: 'number', min: '1', value: String(b.quantity_t), 'data-testid': `coop-qty-${b.id}`, class: 'coop-small' }),
          h('input', { type: 'number', min: '0', step: '0.01', value: '73.41', 'data-testid': `coop-price-${b.id}`, class: 'coop-small', title: t('ledger_price') }),
          h('button', { 'data-testid': `coop-list-${b.id}`, onclick: run(() => api('POST', '/api/ledger/listings', { block_id: b.id, quantity_t: Number(val(`coop-qty-${b.id}`)), price_cny_per_t: val(`coop-price-${b.id}`) })) }, t('ledger_list')),
          lenders.length > 0 && h('button', { 'data-testid': `coop-pledge-${b.id}`, onclick: run(() => api('POST', '/api/ledger/pledges', { block_id: b.id, quantity_t: Number(val(`coop-qty-${b.id}`)), lender_id: lenders[0].id, loan_ref: `LOAN-${b.id}`, amount_cny: (Number(val(`coop-qty-${b.id}`)) * Number(val(`coop-price-${b.id}`))).toFixed(2) })) }, t('ledger_pledge')),
          h('input', { 'data-testid': `coop-beneficiary-${b.id}`, placeholder: t('ledger_beneficiary'), class: 'coop-mid' }),
          h('select', { 'data-testid': `coop-purpose-${b.id}` }, ['offset', 'event_neutrality', 'judicial_restoration'].map((p) => h('option', { value: p }, t(`ledger_purpose_${p}` as Key)))),
          h('input', { 'data-testid': `coop-case-${b.id}`, placeholder: t('ledger_case_number'), class: 'coop-mid' }),
          h('button', { 'data-testid': `coop-retire-${b.id}`, onclick: run(async () => {
            const r = await api<Retirement>('POST', '/api/ledger/retirements', { block_id: b.id, quantity_t: Number(val(`coop-qty-${b.id}`)), beneficiary: val(`coop-beneficiary-${b.id}`) || partyName(b.owner_id),
              purpose: val(`coop-purpose-${b.id}`), ...(val(`coop-case-${b.id}`) ? { case_number: val(`coop-case-${b.id}`) } : {}) });
            printCertificate(r);
          }) }, t('ledger_retire'))) : '',
      ]), 'coop-blocks'));
  }

  function listingsView(): Child {
    return h('div', null,
      h('h3', null, t('ledger_listings')),
      v.lastPurchase && h('p', { class: 'coop-ok', 'data-testid': 'coop-bought' }, t('ledger_bought', { id: v.lastPurchase.id, q: v.lastPurchase.quantity_t, cny: v.lastPurchase.total_cny })),
      table(['ledger_serial', 'ledger_remaining', 'ledger_price', 'ledger_status', 'ledger_buy'], v.listings.map((l) => [
        `${l.project_code}-${l.vintage}`, `${l.remaining_t} / ${l.quantity_t}`, l.price_cny_per_t, l.state,
        l.state === 'open' && has(v, 'buyer') ? h('span', { class: 'coop-actions' },
          h('input', { type: 'number', min: '1', max: String(l.remaining_t), value: String(l.remaining_t), class: 'coop-small', 'data-testid': `coop-buy-qty-${l.id}` }),
          h('button', { class: 'primary', 'data-testid': `coop-buy-${l.id}`, onclick: run(async () => {
            v.lastPurchase = await api<Purchase>('POST', '/api/ledger/purchases', { listing_id: l.id, quantity_t: Number(val(`coop-buy-qty-${l.id}`)), payment_ref: `WEB-${Date.now()}` });
          }) }, t('ledger_buy'))) : '',
      ]), 'coop-listings'));
  }

  function retirementsView(): Child {
    return h('div', null,
      h('h3', null, t('ledger_retirements')),
      table(['ledger_serial', 'ledger_quantity', 'ledger_beneficiary', 'ledger_purpose', 'ledger_certificate'], v.retirements.map((r) => [
        h('code', null, r.serial), String(r.quantity_t), r.beneficiary, t(`ledger_purpose_${r.purpose}` as Key),
        h('button', { 'data-testid': `coop-cert-${r.id}`, onclick: () => printCertificate(r) }, t('ledger_print')),
      ]), 'coop-retirements'));
  }

  function payoutsView(d: ProjectDetail): Child {
    const recipients = new Map<number, string>();
    for (const p of v.payouts) for (const l of p.lines) recipients.set(l.party_id, l.party_name);
    return h('div', null,
      h('h3', null, t('ledger_payouts')),
      has(v, 'operator') && h('div', { class: 'coop-actions' },
        field('ledger_payout_sale', input('coop-payout-purchase', { type: 'number', min: '1', value: v.lastPurchase ? String(v.lastPurchase.id) : '' })),
        h('button', { 'data-testid': 'coop-payout-sale', onclick: run(() => api('POST', '/api/ledger/payouts', { kind: 'sale', project_id: d.id, purchase_id: Number(val('coop-payout-purchase')) })) }, t('ledger_pay')),
        field('ledger_payout_cycle', input('coop-payout-year', { type: 'number', value: String(d.contracts[0]?.start_year ?? new Date().getFullYear()) })),
        h('button', { 'data-testid': 'coop-payout-cycle', onclick: run(() => api('POST', '/api/ledger/payouts', { kind: 'cycle', project_id: d.id, cycle_year: Number(val('coop-payout-year')) })) }, t('ledger_pay'))),
      v.payouts.map((p) => h('div', { class: 'coop-payout', 'data-testid': `coop-payout-${p.id}` },
        h('h4', null, `#${p.id} ${p.kind === 'sale' ? t('ledger_payout_sale') : t('ledger_payout_cycle')} · ${t('ledger_total')} ${p.total_cny} 元`),
        table(['ledger_party', 'ledger_amount', 'ledger_basis'], p.lines.map((l) => [l.party_name, h('span', { class: 'num' }, fenText(l.fen)), l.basis])))),
      recipients.size > 0 && h('div', { class: 'coop-actions' },
        field('ledger_statement', h('select', { 'data-testid': 'coop-stmt-party' }, [...recipients].map(([id, name]) => h('option', { value: String(id) }, name)))),
        h('button', { 'data-testid': 'coop-stmt-print', onclick: run(async () => printStatement(await api<Statement>('GET', `/api/ledger/statements?project_id=${d.id}&party_id=${val('coop-stmt-party')}`))) }, t('ledger_statement_print')),
        h('button', { 'data-testid': 'coop-stmt-csv', onclick: run(() => downloadCsv(`/api/ledger/statements?project_id=${d.id}&party_id=${val('coop-stmt-party')}&format=csv`, `statement-${d.code}-${val('coop-stmt-party')}.csv`)) }, t('ledger_statement_csv'))));
  }

  function integrityView(): Child {
    return h('div', null,
      h('h3', null, t('ledger_integrity')),
      h('button', { 'data-testid': 'coop-verify', onclick: run(async () => {
        const r = await api<Verify>('GET', '/api/ledger/verify');
        if (!r.ok) throw new Error(t('ledger_verify_bad', { problems: [...r.problems.map((p) => `#${p.seq} ${p.problem}`), ...r.invariants.balances.flatMap((b) => b.problems)].join('; ') }));
        return t('ledger_verify_ok', { n: r.entries });
      }) }, t('ledger_verify')));
  }

  function render(): void {
    const d = v.detail;
    const logged = !!v.session?.identity;
    replace(root,
      h('h2', null, t('ledger_title')),
      loginView(),
      v.message && v.message.text && h('p', { class: v.message.kind === 'ok' ? 'coop-ok' : 'coop-error', 'data-testid': 'coop-message' }, v.message.text),
      h('button', { 'data-testid': 'coop-registry', onclick: () => void showRegistry() }, t('ledger_registry')),
      logged && projectsView(),
      logged && d && [
        h('p', { class: 'muted', 'data-testid': 'coop-balance' }, d.balances.map((b) => `${b.vintage}: ${t('ledger_issued')} ${b.issued_t} t · ${t('ledger_buffer')} ${b.buffer_t} t · ${t('ledger_retired')} ${b.retired_t} t`).join(' | ')),
        has(v, 'operator') && poolView(d),
        contractsView(d),
        monitoringView(d),
        blocksView(),
        listingsView(),
        retirementsView(),
        has(v, 'operator', 'village', 'verifier', 'bureau') && payoutsView(d),
        integrityView(),
      ]);
  }

  async function showRegistry(): Promise<void> {
    try {
      const r = await api<Registry>('GET', '/api/ledger/registry');
      printSheet('coop-registry-sheet', false,
        h('h1', null, `${t('ledger_registry')} · tantu 碳图`),
        h('p', { class: 'muted' }, t('ledger_registry_note')),
        h('h2', null, t('ledger_projects')),
        table(['ledger_code', 'ledger_name', 'ledger_area', 'ledger_issued', 'ledger_retired', 'ledger_buffer'], r.projects.map((p) => [p.code, p.name, areaText(p.area_ha), String(p.issued_t), String(p.retired_t), String(p.buffer_t)])),
        h('h2', null, t('ledger_issued')),
        table(['ledger_serial', 'ledger_quantity', 'ledger_buffer', 'ledger_date'], r.issuances.map((i) => [h('code', null, i.serial), String(i.quantity_t), String(i.buffer_t), i.issued_at.slice(0, 10)])),
        h('h2', null, t('ledger_retirements')),
        table(['ledger_serial', 'ledger_quantity', 'ledger_beneficiary', 'ledger_purpose', 'ledger_case_number', 'ledger_date'], r.retirements.map((x) => [h('code', null, x.serial), String(x.quantity_t), x.beneficiary, t(`ledger_purpose_${x.purpose}` as Key), x.case_number ?? '', x.retired_at.slice(0, 10)])));
    } catch (e) {
      v.message = { kind: 'error', text: (e as Error).message };
      render();
    }
  }

  function printCertificate(r: Retirement): void {
    printSheet('coop-certificate', true,
      h('h1', null, `${t('ledger_certificate')} · Retirement certificate`),
      h('p', null, t('ledger_cert_text')),
      h('dl', { class: 'coop-cert' },
        h('dt', null, t('ledger_project')), h('dd', null, `${r.project_code} ${r.project_name}`),
        h('dt', null, t('ledger_serial')), h('dd', { 'data-testid': 'coop-cert-serial' }, h('code', null, r.serial)),
        h('dt', null, t('ledger_quantity')), h('dd', null, `${r.quantity_t} t CO₂e`),
        h('dt', null, t('ledger_vintage')), h('dd', null, String(r.vintage)),
        h('dt', null, t('ledger_beneficiary')), h('dd', null, r.beneficiary),
        h('dt', null, t('ledger_purpose')), h('dd', null, t(`ledger_purpose_${r.purpose}` as Key)),
        r.case_number && [h('dt', null, t('ledger_case_number')), h('dd', null, r.case_number)],
        h('dt', null, t('ledger_date')), h('dd', null, r.created_at.slice(0, 10))));
  }

  function printStatement(s: Statement): void {
    printSheet('coop-statement', true,
      h('h1', null, `${t('ledger_statement')} · ${s.party.name}`),
      h('p', null, `${t('ledger_project')}: ${s.project.code} ${s.project.name}`),
      table(['ledger_date', 'ledger_party', 'ledger_amount', 'ledger_fen', 'ledger_basis'], s.lines.map((l) => [l.date.slice(0, 10), l.party_name, h('span', { class: 'num' }, l.cny), String(l.fen), l.basis]), 'coop-statement-lines'),
      h('p', { class: 'coop-total', 'data-testid': 'coop-statement-total' }, `${t('ledger_total')}: ${s.total_cny} 元（${s.total_fen} ${t('ledger_fen')}）`));
  }

  /** A sheet over the page (the print stylesheet prints only it); `print` opens the browser's print dialog at once. */
  function printSheet(testid: string, print: boolean, ...children: Child[]): void {
    document.querySelector('.coop-sheet')?.remove();
    const close = () => { sheet.remove(); document.body.classList.remove('coop-printing'); };
    const sheet = h('div', { class: 'coop-sheet', 'data-testid': testid },
      h('div', { class: 'coop-sheet-bar' }, h('button', { onclick: () => window.print() }, t('ledger_print')), h('button', { 'data-testid': 'coop-sheet-close', onclick: close }, t('ledger_close'))),
      ...children);
    document.body.append(sheet);
    document.body.classList.add('coop-printing');
    if (print) window.print();
  }

  const unsubscribe = ctx.store.subscribe((s, prev) => { if (s.parcels !== prev.parcels || s.lang !== prev.lang) render(); });
  void refresh();
  return () => { alive = false; unsubscribe(); document.querySelector('.coop-sheet')?.remove(); root.remove(); };
}
