import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mutationSchema, type Mutation } from '../../../src/shared/protocol';
import { mapLineEvents } from '../../../src/relay/channels/line/event-mapper';
import { segmentCsv } from '../../../src/relay/tags/segment-csv';
import { lineMessageEvent, memberJoinedEvent, textMessageEvent } from '../../../src/demo/fake-line';
import { openTempStore, type TempStore } from './store-fixture';
import { queryTestStore } from '../../support/relay-backend';
import { recordInbound } from '../../support/inbound';

const AMY = 'U0000000000000000000000000000amy';
const BEN = 'U0000000000000000000000000000ben';
type TagMutation = Extract<Mutation, { type: `tag.${string}` }>;

describe('tags in the relay store', () => {
  let fixture: TempStore;
  let next = 0;
  const apply = async (type: TagMutation['type'], payload: Record<string, unknown>, id = `mutation-${++next}`) =>
    await fixture.store.applyTagMutation({
      // Through the wire schema, as the mutation handler does: names arrive normalised.
      mutation: mutationSchema.parse({ id, type, payload: { clientTime: 5, ...payload } }) as TagMutation,
      agentName: '小美',
      now: 1_000 + next,
    });
  const add = (friendId: string, tag: string, id?: string) => apply('tag.add', { friendId, tag }, id);

  beforeEach(async () => {
    fixture = await openTempStore();
    await recordInbound(fixture.store, 
      mapLineEvents([textMessageEvent({ userId: AMY, text: '在嗎', timestamp: 1 }), textMessageEvent({ userId: BEN, text: '=1+1', timestamp: 2 })]),
      10,
    );
  });
  afterEach(() => fixture.dispose());

  it('adds with the shop spelling, refuses the 11th with TAG_LIMIT and records the answer once', async () => {
    expect(await add(AMY, 'VIP')).toEqual({ ok: true, tag: 'VIP', changed: true });
    expect(await add(AMY, 'ｖｉｐ')).toEqual({ ok: true, tag: 'VIP', changed: false });
    for (let index = 1; index < 10; index += 1) await add(AMY, `標籤${index}`);
    expect(await fixture.store.friendTagNames(AMY)).toHaveLength(10);
    const refused = await add(AMY, '退貨中', 'the-eleventh');
    expect(refused).toEqual({ ok: false, code: 'TAG_LIMIT', message: 'Cannot add "退貨中": this friend already has 10 of 10 tags' });
    await apply('tag.remove', { friendId: AMY, tag: '標籤1' });
    // The stored answer comes back for the same id even though the tag would fit now.
    expect(await add(AMY, '退貨中', 'the-eleventh')).toEqual(refused);
    expect(await fixture.store.friendTagNames(AMY)).toHaveLength(9);
  });

  it('lets an add win over a concurrent remove that had not seen it', async () => {
    await add(AMY, 'VIP', 'add-by-amy-agent');
    await add(AMY, 'VIP', 'add-by-other-agent');
    expect(await apply('tag.remove', { friendId: AMY, tag: 'VIP', observedAddIds: ['add-by-amy-agent'] })).toMatchObject({ changed: false });
    expect(await fixture.store.friendTagNames(AMY)).toEqual(['VIP']);
    expect(await apply('tag.remove', { friendId: AMY, tag: 'VIP', observedAddIds: ['add-by-other-agent'] })).toMatchObject({ changed: true });
    expect(await fixture.store.friendTagNames(AMY)).toEqual([]);
  });

  it('refuses unknown friends', async () => {
    expect(await add('Unobody', 'VIP')).toMatchObject({ ok: false, code: 'UNKNOWN_FRIEND' });
  });

  it('renames, refuses a rename onto another tag, merges without raising counts, deletes', async () => {
    await add(AMY, '已下單');
    await add(AMY, '已付款');
    await add(BEN, '已付款');
    expect(await apply('tag.rename', { from: '已付款', to: '已下單' })).toMatchObject({ ok: false, code: 'TAG_EXISTS' });
    expect(await apply('tag.rename', { from: '已付款', to: 'Paid' })).toEqual({ ok: true, tag: 'Paid', changed: true, affected: 2 });
    expect(await apply('tag.merge', { source: 'paid', target: '已下單' })).toEqual({ ok: true, tag: '已下單', changed: true, affected: 2 });
    expect(await fixture.store.friendTagNames(AMY)).toEqual(['已下單']);
    expect(await fixture.store.friendTagNames(BEN)).toEqual(['已下單']);
    expect(await apply('tag.merge', { source: 'Paid', target: '已下單' })).toMatchObject({ code: 'UNKNOWN_TAG' });
    expect(await apply('tag.delete', { tag: '已下單' })).toMatchObject({ ok: true, affected: 2 });
    expect(await fixture.store.friendTagNames(AMY)).toEqual([]);
    const types = (await fixture.store.readEvents(0, 100)).map((event) => event.type).filter((type) => type.startsWith('tag.'));
    expect(types).toEqual(['tag.added', 'tag.added', 'tag.added', 'tag.renamed', 'tag.merged', 'tag.deleted']);
  });

  it('tags the member of a LINE group who wrote, never the group; segments list that person with the group', async () => {
    const group = 'C0000000000000000000000000000cafe';
    const mei = 'U00000000000000000000000000000mei';
    const newcomer = 'U000000000000000000000000000000new';
    await recordInbound(
      fixture.store,
      mapLineEvents([
        lineMessageEvent({ source: { type: 'group', groupId: group, userId: mei }, message: { type: 'text', text: '+1 兩件' }, timestamp: 20 }),
        memberJoinedEvent({ source: { type: 'group', groupId: group }, userIds: [newcomer], timestamp: 30 }),
      ]),
      40,
    );
    await fixture.store.applyProfile(
      { channel: 'line', profileKey: `member:${group}:${mei}`, displayName: '林美惠', pictureUrl: null, statusMessage: null, language: null, fetchedAt: 41, failed: false },
      `line:${group}`,
    );
    expect(await add(group, 'VIP')).toMatchObject({ ok: false, code: 'INVALID_MUTATION', message: expect.stringContaining('Tags belong to people') });
    expect(await add(mei, 'VIP')).toEqual({ ok: true, tag: 'VIP', changed: true });
    expect(await add(newcomer, 'VIP')).toMatchObject({ ok: true }); // joined, has not written yet: a person all the same
    await add(AMY, 'VIP');
    // A tag an older relay let an app put on the whole group stays removable, but the group is no person of a segment.
    await queryTestStore(
      fixture.dataDir,
      `INSERT INTO friend_tags (friend_id, tag_key, add_id, added_by, added_at) VALUES ('${group}', 'vip', 'legacy', '小美', 1)`,
    );

    const segment = await fixture.store.segmentMembers({ tags: ['VIP'], mode: 'or' });
    if (!Array.isArray(segment)) throw new Error('expected members');
    const rows = segment.map((member) => [member.friendId, member.displayName, member.conversationId, member.groupName ?? null, member.lastMessageAt]);
    expect(new Map(rows.map((row) => [row[0], row.slice(1)]))).toEqual(
      new Map([
        [AMY, ['LINE 好友 0amy', `line:${AMY}`, null, 1]],
        [mei, ['林美惠', `line:${group}`, 'LINE 群組 cafe', 20]],
        [newcomer, [newcomer, `line:${group}`, 'LINE 群組 cafe', 30]],
      ]),
    );
    expect(segmentCsv(segment).split('\r\n')).toContain(`${mei},林美惠,VIP,1970-01-01 00:00:00,line:${group},LINE 群組 cafe`);
    expect(await apply('tag.remove', { friendId: group, tag: 'VIP' })).toEqual({ ok: true, tag: 'VIP', changed: true });
  });

  it('selects AND / OR segments and writes an Excel-friendly CSV', async () => {
    await add(AMY, 'VIP');
    await add(AMY, '尺寸M');
    await add(BEN, 'VIP');
    const both = await fixture.store.segmentMembers({ tags: ['VIP', '尺寸M'], mode: 'and' });
    expect(Array.isArray(both) && both.map((member) => member.friendId)).toEqual([AMY]);
    const either = await fixture.store.segmentMembers({ tags: ['VIP', '尺寸M'], mode: 'or' });
    expect(Array.isArray(either) && either.map((member) => member.friendId)).toEqual([AMY, BEN]);
    expect(await fixture.store.segmentMembers({ tags: ['nope'], mode: 'or' })).toEqual({ unknownTags: ['nope'] });
    if (!Array.isArray(either)) throw new Error('expected members');
    const csv = segmentCsv([{ ...either[1]!, displayName: '=HYPERLINK("x")' }]);
    expect(csv.startsWith('\uFEFFLINE user ID,')).toBe(true);
    expect(csv).toContain(`${BEN},"'=HYPERLINK(""x"")",VIP,`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
