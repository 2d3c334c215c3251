/**
 * Turns the runs into the report: the median of each row over the processes
 * that measured it, `results.md` (a table per goal) and `ratios.svg` (a bar per
 * ratio, on a log scale, with its goal).
 */
import { median, type Row, type ScenarioResult } from "./Runner.ts"
import type { GoalId } from "./Scenario.ts"

/**
 * What the report says of each goal, and where the scenarios of a goal that
 * has none yet will go.
 */
export const goalTitles: Readonly<Record<GoalId, { readonly title: string; readonly pending?: string }>> = {
  1: { title: "Encode (error → status, headers, body) vs a hand-written JSON.stringify" },
  2: { title: "Decode (body → typed error) vs JSON.parse" },
  3: { title: "Construct + encode vs http-errors, @hapi/boom and Effect" },
  4: { title: "HTTP server requests per second (autocannon; ratio = subject req/s ÷ baseline req/s)" },
  5: { title: "Client decode + retry decision per response (goal in ns; JSON.parse beside it)" },
  6: { title: "Memory: decoding 100,000 bodies; RSS growth under hostile bodies" }
}

/**
 * A row over every run: medians, and the range of the ratio.
 */
export interface Summary {
  readonly goal: GoalId
  readonly file: string
  readonly name: string
  readonly unit: string
  readonly runs: number
  readonly value: number
  readonly baseline?: { readonly name: string; readonly value: number } | undefined
  readonly ratio?: { readonly median: number; readonly min: number; readonly max: number } | undefined
  readonly max?: number | undefined
  readonly min?: number | undefined
  readonly maxValue?: number | undefined
  readonly details?: Readonly<Record<string, number>> | undefined
  /** `undefined` for rows that only inform. */
  readonly met: boolean | undefined
}

const medianRecord = (records: ReadonlyArray<Readonly<Record<string, number>>>) =>
  Object.fromEntries(Object.keys(records[0]!).map((key) => [key, median(records.map((record) => record[key]!))]))

/**
 * Gathers the rows of every run by scenario file and row name, in the order
 * the files and rows came.
 */
export const summarize = (results: ReadonlyArray<ScenarioResult>): Array<Summary> => {
  const groups = new Map<string, { readonly result: ScenarioResult; readonly rows: Array<Row> }>()
  for (const result of results) {
    for (const row of result.rows) {
      const key = `${result.file}\u0000${row.name}`
      const group = groups.get(key) ?? { result, rows: [] }
      group.rows.push(row)
      groups.set(key, group)
    }
  }
  return Array.from(groups.values(), ({ result, rows }) => {
    const first = rows[0]!
    const ratios = rows.flatMap((row) => row.ratio === undefined ? [] : [row.ratio])
    const value = median(rows.map((row) => row.value))
    const ratio = ratios.length === 0
      ? undefined
      : { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios) }
    const met = first.max !== undefined && ratio !== undefined
      ? ratio.median <= first.max
      : first.min !== undefined && ratio !== undefined
      ? ratio.median >= first.min
      : first.maxValue !== undefined
      ? value <= first.maxValue
      : undefined
    return {
      goal: result.goal,
      file: result.file,
      name: first.name,
      unit: first.unit,
      runs: rows.length,
      value,
      baseline: first.baseline === undefined
        ? undefined
        : { name: first.baseline.name, value: median(rows.map((row) => row.baseline!.value)) },
      ratio,
      max: first.max,
      min: first.min,
      maxValue: first.maxValue,
      details: first.details === undefined ? undefined : medianRecord(rows.map((row) => row.details!)),
      met
    }
  })
}

const number = (value: number, unit: string): string => {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2
  const text = value.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits })
  return unit === "ns/op" || unit === "" ? text : `${text} ${unit}`
}

const times = (ratio: number) => `${ratio.toFixed(2)}×`

const cell = (text: string) => text.replace(/\|/g, "\\|")

/**
 * The environment a report describes.
 */
export interface Environment {
  readonly date: Date
  readonly cores: number
  readonly cpu: string
  readonly memory: number
  readonly platform: string
  readonly node: string
  readonly v8: string
  readonly flags: ReadonlyArray<string>
  readonly runs: number
  readonly time: number
  readonly seconds: number
  /** The 1-minute load average before and after: above 0 means something else was running. */
  readonly load: readonly [number, number]
}

/**
 * `results.md`.
 */
export const markdown = (summaries: ReadonlyArray<Summary>, environment: Environment): string => {
  const judged = summaries.filter((summary) => summary.met !== undefined)
  const missed = judged.filter((summary) => summary.met === false)
  const lines = [
    "# Faultline benchmark results",
    "",
    `- Date: ${environment.date.toISOString()}`,
    `- Machine: ${environment.cores} cores, ${environment.cpu}, ${
      (environment.memory / 2 ** 30).toFixed(1)
    } GiB RAM, ${environment.platform}`,
    `- Node: ${environment.node} (V8 ${environment.v8}), \`node ${
      environment.flags.join(" ")
    }\`: the built ESM in \`dist/\``,
    `- Method: ${environment.runs} fresh processes per scenario file, one after another. In each, tinybench times`
    + ` every operation for ${environment.time} ms after warm-up, in 5 rounds of alternating order, in batches of`
    + ` ~50 µs, and takes the median batch of each round, in ns per call; a ratio is subject / baseline of the same round, and a`
    + ` process reports the median round. The table shows the median over the processes, with the lowest and highest`
    + ` ratio in brackets. A ratio compares this machine with itself: the ns/op are no claim about another machine.`,
    `- Wall time: ${Math.floor(environment.seconds / 60)} min ${Math.round(environment.seconds % 60)} s`
    + ` (build excluded); 1-minute load average ${environment.load[0].toFixed(2)} before,`
    + ` ${environment.load[1].toFixed(2)} after`,
    `- Goals met: ${judged.length - missed.length} of ${judged.length} rows`
    + (missed.length === 0 ? "" : ` (missed: ${missed.map((summary) => summary.name).join("; ")})`),
    "",
    "![Ratios against their baselines](ratios.svg)",
    "",
    "| Scenario | Median (ns/op) | Baseline (median ns/op) | Ratio (range) | Goal | Met? |",
    "| --- | ---: | --- | ---: | ---: | :---: |"
  ]
  for (const goal of [1, 2, 3, 4, 5, 6] as const) {
    const { pending, title } = goalTitles[goal]
    lines.push(`| **${goal}. ${cell(title)}** | | | | | |`)
    const rows = summaries.filter((summary) => summary.goal === goal)
    if (rows.length === 0) {
      lines.push(`| *not measured yet*${pending === undefined ? "" : `: ${cell(pending)}`} | | | | | |`)
    }
    for (const row of rows) {
      const baseline = row.baseline === undefined
        ? "—"
        : `${cell(row.baseline.name)} (${number(row.baseline.value, row.unit)})`
      const ratio = row.ratio === undefined
        ? "—"
        : `${times(row.ratio.median)} (${times(row.ratio.min)}–${times(row.ratio.max)})`
      const goalText = row.max !== undefined
        ? `≤ ${times(row.max)}`
        : row.min !== undefined
        ? `≥ ${times(row.min)}`
        : row.maxValue !== undefined
        ? `≤ ${number(row.maxValue, row.unit)}`
        : "info"
      const met = row.met === undefined ? "—" : row.met ? "yes" : "**no**"
      lines.push(
        `| ${cell(row.name)} | ${number(row.value, row.unit)} | ${baseline} | ${ratio} | ${goalText} | ${met} |`
      )
    }
  }
  const detailed = summaries.filter((summary) => summary.details !== undefined)
  if (detailed.length > 0) {
    lines.push("", "## Details (median over the runs)", "")
    for (const row of detailed) {
      const readings = Object.entries(row.details!).map(([key, value]) =>
        key.startsWith("heap") ? `${key} ${(value / 2 ** 20).toFixed(2)} MiB` : `${key} ${number(value, "")}`
      )
      lines.push(`- ${row.name}: ${readings.join(", ")}`)
    }
  }
  return lines.join("\n") + "\n"
}

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/**
 * `ratios.svg`: one horizontal bar per ratio on a log scale, drawn from 1×
 * (left of it: faster than the baseline), with the row's goal as a tick.
 */
export const svg = (summaries: ReadonlyArray<Summary>): string => {
  const rows = summaries.filter((summary) => summary.ratio !== undefined)
  const label = 430
  const plot = 520
  const rowHeight = 18
  const head = 36
  const extremes = rows.flatMap((row) => [row.ratio!.median, row.max ?? row.min ?? 1])
  const low = 2 ** Math.floor(Math.log2(Math.min(0.5, ...extremes)))
  const high = 2 ** Math.ceil(Math.log2(Math.max(2, ...extremes)))
  const x = (ratio: number) => label + ((Math.log2(ratio) - Math.log2(low)) / (Math.log2(high) - Math.log2(low))) * plot
  const items: Array<string> = []
  let y = head
  let goal: GoalId | undefined
  for (const row of rows) {
    if (row.goal !== goal) {
      goal = row.goal
      y += 6
      items.push(`<text x="4" y="${y + 12}" font-weight="bold">${goal}. ${escape(goalTitles[goal].title)}</text>`)
      y += rowHeight
    }
    const ratio = row.ratio!.median
    const color = row.met === undefined ? "#9e9e9e" : row.met ? "#2e7d32" : "#c62828"
    const from = Math.min(x(1), x(ratio))
    const width = Math.max(1, Math.abs(x(ratio) - x(1)))
    items.push(
      `<text x="${label - 6}" y="${y + 12}" text-anchor="end">${escape(row.name)}</text>`,
      `<rect x="${from.toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="${
        rowHeight - 6
      }" fill="${color}"><title>${escape(`${row.name}: ${times(ratio)}`)}</title></rect>`,
      `<text x="${(Math.max(x(1), x(ratio)) + 4).toFixed(1)}" y="${y + 12}" font-size="10">${times(ratio)}</text>`
    )
    const goalRatio = row.max ?? row.min
    if (goalRatio !== undefined) {
      items.push(
        `<line x1="${x(goalRatio).toFixed(1)}" x2="${x(goalRatio).toFixed(1)}" y1="${y + 1}" y2="${
          y + rowHeight - 1
        }" stroke="#000" stroke-width="2"/>`
      )
    }
    y += rowHeight
  }
  const ticks: Array<string> = []
  for (let tick = low; tick <= high; tick *= 2) {
    ticks.push(
      `<line x1="${x(tick).toFixed(1)}" x2="${x(tick).toFixed(1)}" y1="${head - 4}" y2="${y}" stroke="${
        tick === 1 ? "#555" : "#ddd"
      }"/>`,
      `<text x="${x(tick).toFixed(1)}" y="${head - 8}" text-anchor="middle" font-size="10">${tick}×</text>`
    )
  }
  const width = label + plot + 60
  const height = y + 10
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`
    + ` font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="4" y="14" font-weight="bold">Ratio to baseline (log scale; left of 1×: faster). Black tick: goal.`
    + ` Green met, red missed, grey informative.</text>`,
    ...ticks,
    ...items,
    "</svg>",
    ""
  ].join("\n")
}
