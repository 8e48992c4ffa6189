// Every reader in the browser: integer customer ids, traits with the events, several survey
// answers on one response, and identity (anonymous ids tied to customers).

const MEMBERS = { rules: [{ name: 'pro', rule: 'plan == "pro"' }], includeMembers: true };

/** A survey export: NPS, CSAT and CES on one row, integer ids, a plan trait. */
const EXPORT = {
  customerId: [101, 102n, 103, 101],
  timestamp: ['2026-03-03T10:00:00Z', '2026-03-01T09:00:00Z', '2026-03-02T12:00:00Z', '2026-03-01T08:00:00Z'],
  channel: ['email', 'web', 'app', 'web'],
  kind: ['survey_response', 'survey_response', 'survey_response', 'purchase'],
  nps: [9, 6, 10, null],
  csat: new Float64Array([5, 2, NaN, NaN]),
  ces: [6, 3, 7, null],
  traits: { plan: ['pro', 'free', 'pro', 'free'], trial: [false, true, null, true] },
};

export async function run(t) {
  const { Dataset } = t.wasm;

  const checkExport = (ds) => {
    t.equal(ds.customerCount, 3);
    const { overall } = ds.cxReport();
    t.equal(overall.nps.responses, 3);
    t.equal(overall.nps.nps, (2 / 3 - 1 / 3) * 100);
    t.deepEqual([overall.csat.responses, overall.ces.responses], [2, 3]);
    t.deepEqual(ds.ruleSegments(MEMBERS).segments[0].members.sort(), ['101', '103']);
    const trial = ds.ruleSegments({ rules: [{ name: 't', rule: 'trial == true' }], includeMembers: true });
    t.deepEqual(trial.segments[0].members, ['102']);
    ds.free();
  };

  t.test('fromColumns: integer ids, answer columns and trait columns', () => {
    checkExport(Dataset.fromColumns(EXPORT));
    checkExport(Dataset.fromColumns({ ...EXPORT, customerId: new BigInt64Array([101n, 102n, 103n, 101n]) }));
  });

  t.test('fromEvents: the same export as event objects', () => {
    const events = EXPORT.kind.map((kind, i) => ({
      customerId: EXPORT.customerId[i] === 102n ? 102 : EXPORT.customerId[i],
      timestamp: EXPORT.timestamp[i],
      channel: EXPORT.channel[i],
      kind,
      answers: { nps: EXPORT.nps[i], csat: Number.isNaN(EXPORT.csat[i]) ? null : EXPORT.csat[i], ces: EXPORT.ces[i] },
      traits: { plan: EXPORT.traits.plan[i], trial: EXPORT.traits.trial[i] },
    }));
    checkExport(Dataset.fromEvents(events));
  });

  t.test('fromColumns: a bad id, answer or trait cell names the row and the column', () => {
    const bad = { ...EXPORT, customerId: [101, 1.5, 103, 2 ** 60], nps: [9, 6, 11, null] };
    const ds = Dataset.fromColumns(bad, 'lenient');
    t.deepEqual(
      ds.rejected.map((r) => [r.record, r.field, r.code]),
      [
        ['record 2', 'customerId', 'INVALID_RECORD'],
        ['record 3', 'nps', 'OUT_OF_RANGE'],
        ['record 4', 'customerId', 'INVALID_RECORD'],
      ],
    );
    ds.free();
    const traits = Dataset.fromColumns({ ...EXPORT, traits: { plan: ['pro', 3, true, {}] } }, 'lenient');
    t.deepEqual(traits.rejected.map((r) => [r.record, r.field]), [['record 4', 'traits.plan']]);
    traits.free();
    const err = t.throws(() => Dataset.fromColumns({ ...EXPORT, NPS: [1, 2, 3, 4] }), Error);
    t.deepEqual([err.code, err.field], ['INVALID_ARGUMENT', 'NPS']);
  });

  t.test('identity: an anonymous journey counts for the customer who signs in', () => {
    const ds = Dataset.fromColumns({
      customerId: [null, null, 7, 8],
      anonymousId: ['v-1', 'v-1', 'v-1', null],
      timestamp: ['2026-03-01T09:00:00Z', '2026-03-01T10:00:00Z', '2026-03-01T11:00:00Z', '2026-03-01T12:00:00Z'],
      channel: ['social', 'web', 'web', 'web'],
      kind: ['impression', 'add_to_cart', 'purchase', 'page_view'],
    });
    t.equal(ds.customerCount, 2);
    t.deepEqual(ds.funnel({ steps: ['impression', 'add_to_cart', 'purchase'] }).steps.map((s) => s.customers), [1, 1, 1]);
    ds.free();
    const segment = [
      { type: 'page', anonymousId: 'v-2', timestamp: '2026-03-01T09:00:00Z', context: { channel: 'web' } },
      { type: 'identify', anonymousId: 'v-2', userId: 'ana', timestamp: '2026-03-01T09:30:00Z', traits: { plan: 'pro' } },
      { type: 'group', userId: 'ana', groupId: 'acme', traits: { tier: 'gold' } },
      { type: 'alias', previousId: 'ana', userId: 'crm-1' },
    ].map((c) => JSON.stringify(c)).join('\n');
    const seg = Dataset.readSegment(segment);
    t.equal(seg.customerCount, 1);
    const rule = { rules: [{ name: 'gold', rule: 'traits.account.tier == "gold" and plan == "pro"' }], includeMembers: true };
    t.deepEqual(seg.ruleSegments(rule).segments[0].members, ['crm-1']);
    seg.free();
  });
  t.test('free text: the same texts from columns, events, CSV and Segment; the voice of the dataset', () => {
    const KINDS = ['review', 'review', 'review', 'purchase'];
    const texts = ['Late again, the parcel was left in the rain. Terrible.', null, 'Great service, thank you!', ''];
    const voices = [
      Dataset.fromColumns({ customerId: EXPORT.customerId, timestamp: EXPORT.timestamp, channel: EXPORT.channel, kind: KINDS, text: texts }),
      Dataset.fromEvents(KINDS.map((kind, i) => ({
        customerId: Number(EXPORT.customerId[i]), timestamp: EXPORT.timestamp[i], channel: EXPORT.channel[i], kind, text: texts[i],
      }))),
      Dataset.readCsv(['customer_id,timestamp,channel,kind,text'].concat(KINDS.map((kind, i) =>
        [EXPORT.customerId[i], EXPORT.timestamp[i], EXPORT.channel[i], kind, texts[i] ? `"${texts[i]}"` : ''].join(','))).join('\n')),
      Dataset.readSegment(KINDS.map((kind, i) => JSON.stringify({
        type: 'track', userId: String(EXPORT.customerId[i]), event: kind, timestamp: EXPORT.timestamp[i],
        properties: { channel: EXPORT.channel[i], text: texts[i] },
      })).join('\n')),
    ].map((ds) => {
      const voice = ds.voiceOfCustomer({ minComments: 1 });
      ds.free();
      return voice;
    });
    for (const v of voices.slice(1)) t.deepEqual(v, voices[0]);
    t.deepEqual([voices[0].overall.comments, voices[0].overall.negative, voices[0].overall.positive], [2, 1, 1]);
    t.deepEqual(voices[0].byChannel.map((g) => [g.group, g.negative]), [['app', 0], ['email', 1]]);
    const bad = Dataset.fromColumns({ ...EXPORT, text: ['ok', 5, 'x'.repeat((1 << 20) + 1), null] }, 'lenient');
    t.deepEqual(bad.rejected.map((r) => [r.record, r.field, r.code]), [['record 2', 'text', 'INVALID_RECORD'], ['record 3', 'text', 'OUT_OF_RANGE']]);
    bad.free();
  });
}
