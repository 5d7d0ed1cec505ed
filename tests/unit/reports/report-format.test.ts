import { count, interval, pClause, percent, points, signedPoints } from '../../../server/reports/report-format';

describe('how the report prints numbers (Vietnamese style)', () => {
  it.each([
    [percent(0.826612), '82,66%'],
    [percent(null), '–'],
    [points(0.75031), '75,03'],
    [signedPoints(0.0125), '+1,25'],
    [signedPoints(-0.0041), '-0,41'],
    [signedPoints(0.00001), '0,00'],
    [interval(0.812, 0.84024), '81,20–84,02'],
    [count(39700), '39.700'],
    [count(1234567), '1.234.567'],
    [pClause(0.0004), 'p < 0,001'],
    [pClause(0.0123), 'p = 0,012'],
  ])('when formatted, then %s reads %s', (printed, expected) => {
    expect(printed).toBe(expected);
  });
});
