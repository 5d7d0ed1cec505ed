import loadHighs, { type ObjectiveSense } from 'highs';

/**
 * An attacker of the open API, written apart from the platform's own audit: it reads the public rows,
 * adds what it is assumed to know (every row's sum of weights — the population totals — and how unequal
 * the weights are in each cell, the composites' definitions, which provinces make each region), writes
 * every linear relation it knows between the figures with the published ones as constants, and asks an
 * LP solver (one model read from CPLEX LP text) for the least and greatest value of each withheld proportion.
 */

export interface PublicFigureRow {
  scheme: string;
  domain_type: string;
  domain: string;
  indicator: string;
  n: number;
  p: number | null;
  p_unweighted: number | null;
  suppressed: string | null;
}

export interface AttackerKnowledge {
  rows: readonly PublicFigureRow[];
  /** The sum of weights of a row, published or not (null where the row has none). */
  weightOf: (scheme: string, key: string) => number | null;
  /** The Kish design effect of a row, published or not; null means the attacker does not use it. */
  kishOf?: (scheme: string, key: string) => number | null;
  composites: readonly { name: string; parts: readonly { name: string; coefficient: number }[] }[];
  regions?: Readonly<Record<string, readonly string[]>>;
}

export interface Recovered {
  system: string;
  key: string;
  lo: number;
  hi: number;
}

type Term = { constant: number } | { variable: string } | undefined;

const keyOf = (r: { domain_type: string; domain: string; indicator: string }) => `${r.domain_type}|${r.domain}|${r.indicator}`;

export async function attack(k: AttackerKnowledge): Promise<Recovered[]> {
  const highs = await loadHighs();
  const schemes = [...new Set(k.rows.map((r) => r.scheme))];
  const composite = new Map(k.composites.map((c) => [c.name, c]));
  const bySystem = new Map<string, Map<string, PublicFigureRow>>();
  for (const r of k.rows) {
    const m = bySystem.get(r.scheme) ?? new Map<string, PublicFigureRow>();
    m.set(keyOf(r), r);
    bySystem.set(r.scheme, m);
  }
  const anyScheme = bySystem.get(schemes[0])!;
  const domains = new Map<string, string[]>();
  for (const r of anyScheme.values()) {
    const list = domains.get(r.domain_type) ?? [];
    if (!list.includes(r.domain)) list.push(r.domain);
    domains.set(r.domain_type, list);
  }
  const indicators = [...new Set(k.rows.map((r) => r.indicator))];
  const base = indicators.filter((i) => !composite.has(i));

  const variables = new Map<string, { system: string; key: string; n: number }>();
  const nameOf = new Map<string, string>();
  const slackCount = { value: 0 };
  const term = (system: string, key: string): Term => {
    const row = (system === 'unweighted' ? anyScheme : bySystem.get(system)!).get(key);
    if (!row) return undefined;
    const figure = system === 'unweighted' ? row.p_unweighted : row.p;
    if (!row.suppressed) return figure === null ? undefined : { constant: figure };
    if (row.n === 0 || (system === 'unweighted' && composite.has(row.indicator))) return undefined;
    const id = `${system}|${key}`;
    let name = nameOf.get(id);
    if (!name) {
      name = `x${variables.size}`;
      nameOf.set(id, name);
      variables.set(name, { system, key, n: row.n });
    }
    return { variable: name };
  };
  const weight = (system: string, key: string) => (system === 'unweighted' ? anyScheme.get(key)?.n ?? null : k.weightOf(system, key));

  const constraints: string[] = [];
  // A relation is written only when the figure it explains is a row of the run.
  const add = (terms: [Term, number][], lower: number, upper: number) => {
    if (terms[0][0] === undefined) return;
    let constant = 0;
    const parts: string[] = [];
    for (const [t, c] of terms) {
      if (!t || c === 0) continue;
      if ('constant' in t) constant += c * t.constant;
      else parts.push(`${c < 0 ? '-' : '+'} ${Math.abs(c)} ${t.variable}`);
    }
    if (parts.length === 0) return;
    const lhs = parts.join(' ');
    if (lower === upper) constraints.push(`${lhs} = ${lower - constant}`);
    else constraints.push(`${lhs} >= ${lower - constant}`, `${lhs} <= ${upper - constant}`);
  };
  const slack = (): Term => {
    const name = `s${slackCount.value++}`;
    return { variable: name };
  };

  const systems = [...schemes, 'unweighted'];
  for (const system of systems) {
    for (const indicator of system === 'unweighted' ? base : indicators) {
      const key = (type: string, domain: string) => keyOf({ domain_type: type, domain, indicator });
      const national = key('national', 'NATIONAL');
      const total = weight(system, national);
      const provinces = domains.get('province') ?? [];
      if (!composite.has(indicator) && total) {
        add([[term(system, national), 1], ...provinces.map((d): [Term, number] => [term(system, key('province', d)), -(weight(system, key('province', d)) ?? 0) / total])], 0, 0);
        for (const [type, levels] of domains) {
          if (['national', 'province', 'national_mean_of_provinces'].includes(type)) continue;
          if (type === 'region' && k.regions) {
            for (const region of levels) {
              const w = weight(system, key(type, region));
              if (!w) continue;
              add([[term(system, key(type, region)), 1], ...(k.regions[region] ?? []).map((d): [Term, number] => [term(system, key('province', d)), -(weight(system, key('province', d)) ?? 0) / w])], 0, 0);
            }
            continue;
          }
          const covered = levels.reduce((s, l) => s + (weight(system, key(type, l)) ?? 0), 0);
          const rest = (total - covered) / total;
          add([[term(system, national), 1], ...levels.map((l): [Term, number] => [term(system, key(type, l)), -(weight(system, key(type, l)) ?? 0) / total]),
            ...(rest > 1e-9 ? [[slack(), -rest] as [Term, number]] : [])], 0, 0);
        }
      }
      if (system !== 'unweighted') {
        const defined = provinces.filter((d) => term(system, key('province', d)) !== undefined);
        add([[term(system, key('national_mean_of_provinces', 'NATIONAL_MEAN_OF_PROVINCES')), 1], ...defined.map((d): [Term, number] => [term(system, key('province', d)), -1 / defined.length])], 0, 0);
        const c = composite.get(indicator);
        if (c) {
          for (const [type, list] of domains) {
            for (const domain of list) {
              if (type === 'national_mean_of_provinces') continue;
              const parts = c.parts.map((p) => [term(system, keyOf({ domain_type: type, domain, indicator: p.name })), -p.coefficient] as [Term, number]);
              if (parts.some(([t]) => t === undefined)) continue;
              add([[term(system, key(type, domain)), 1], ...parts], 0, 0);
            }
          }
        }
      }
    }
  }
  // Weighted and unweighted shares of a cell are at most ½√(deff_Kish − 1) apart.
  if (k.kishOf) {
    for (const system of schemes) {
      for (const [key, row] of bySystem.get(system)!) {
        if (!row.suppressed || composite.has(row.indicator)) continue;
        const kish = k.kishOf(system, key);
        if (kish === null) continue;
        const spread = 0.5 * Math.sqrt(Math.max(0, kish - 1)) + 1e-9;
        add([[term(system, key), 1], [term('unweighted', key), -1]], -spread, spread);
      }
    }
  }
  // Schemes that publish the same proportions everywhere have the same weights: their withheld ones are equal too.
  for (const a of schemes) {
    for (const b of schemes.filter((s) => s > a)) {
      const same = [...bySystem.get(a)!].every(([key, row]) => row.suppressed || row.p === bySystem.get(b)!.get(key)?.p);
      if (!same) continue;
      for (const key of bySystem.get(a)!.keys()) add([[term(a, key), 1], [term(b, key), -1]], 0, 0);
    }
  }

  const slacks = Array.from({ length: slackCount.value }, (_, i) => `s${i}`);
  const bounds = [...variables.keys(), ...slacks].map((v) => ` 0 <= ${v} <= 1`).join('\n');
  const objective = ` obj: ${[...variables.keys(), ...slacks].map((v) => `0 ${v}`).join(' + ')}`;
  const text = `Minimize\n${objective}\nSubject To\n${constraints.map((c, i) => ` c${i}: ${c}`).join('\n')}\nBounds\n${bounds}\nEnd`;
  const model = highs.createModel({ format: 'lp', data: text });
  const out: Recovered[] = [];
  try {
    model.options.set({ output_flag: false, solver: 'simplex', simplex_strategy: 4 });
    for (const [name, { system, key, n }] of variables) {
      const column = model.getColByName(name);
      model.changeColCost(column, 1);
      const solve = (sense: ObjectiveSense) => {
        model.changeObjectiveSense(sense);
        model.run();
        if (model.getModelStatus() !== 7) throw new Error(`adversary: status ${model.getModelStatus()} for ${system} ${key}`);
        return model.getObjectiveValue();
      };
      let [lo, hi] = [solve(highs.constants.objectiveSense.minimize), solve(highs.constants.objectiveSense.maximize)];
      model.changeColCost(column, 0);
      if (system === 'unweighted') [lo, hi] = [Math.ceil(lo * n - 1e-6) / n, Math.floor(hi * n + 1e-6) / n];
      out.push({ system, key, lo, hi });
    }
  } finally {
    model.dispose();
  }
  return out;
}
