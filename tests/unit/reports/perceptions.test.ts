import { PerceptionTally, perceptionItems } from '../../../server/perceptions/perceptions';
import type { CatalogueQuestion } from '../../../server/surveys/question-catalogue';

const label = (t: string) => ({ vi: t, en: t });
const catalogue: CatalogueQuestion[] = [
  { name: 'harassment', type: 'radiogroup', title: label('Sách nhiễu'), section: label('B'), rows: [],
    values: ['none', 'some', 'many'].map((v) => ({ value: v, label: label(v) })) },
  { name: 'priorities', type: 'matrix', title: label('Ưu tiên'), section: label('F'),
    rows: ['information', 'transparency'].map((v) => ({ value: v, label: label(v) })),
    values: ['much_more', 'more', 'little'].map((v) => ({ value: v, label: label(v) })) },
];

describe('perception shares', () => {
  it('when responses are tallied, then shares are weighted over those who answered, nationally and per province', () => {
    const tally = new PerceptionTally(perceptionItems(catalogue));
    tally.add('01', 3, { harassment: 'none', priorities: { information: 'more' } });
    tally.add('01', 1, { harassment: 'many', priorities: { information: 'much_more', transparency: 'little' } });
    tally.add('22', 2, { harassment: 'some' });
    tally.add('22', 5, {});
    const { all, byProvince } = tally.result();
    expect(all.map((i) => i.key)).toEqual(['harassment', 'priorities.information', 'priorities.transparency']);
    expect(all[0]).toMatchObject({ n: 3, sumW: 6 });
    expect(all[0].shares.map((s) => s.share)).toEqual([0.5, 2 / 6, 1 / 6]);
    expect(all[1].shares.map((s) => s.share)).toEqual([0.25, 0.75, 0]);
    expect(byProvince['22'][0].shares.map((s) => s.share)).toEqual([0, 1, 0]);
    expect(byProvince['22'][2].shares.map((s) => s.share)).toEqual([null, null, null]);
  });
});
