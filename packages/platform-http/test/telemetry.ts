import { Effect, Layer, Metric, Tracer } from "effect"

/**
 * A tracer that keeps every span it starts, for tests to read back, and a
 * fresh metric registry, so each test counts only what it did.
 */
export const recording = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span(options) {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  const registry: Metric.MetricRegistry = new Map()
  const layer = Layer.mergeAll(
    Layer.succeed(Tracer.Tracer, tracer),
    Layer.succeed(Metric.MetricRegistry, registry)
  )
  return { spans, tracer, registry, layer }
}

/** The value of a counter's series whose attributes include `attributes`, summed over the matching series. */
export const counted = (id: string, attributes: Record<string, string> = {}) =>
  Effect.map(Metric.snapshot, (snapshots) =>
    snapshots
      .filter((snapshot) =>
        snapshot.id === id && snapshot.type === "Counter" &&
        Object.entries(attributes).every(([name, value]) => snapshot.attributes?.[name] === value)
      )
      .reduce((sum, snapshot) => sum + Number((snapshot.state as Metric.CounterState<number>).count), 0))

/** The histogram state of a timer's series whose attributes include `attributes`. */
export const observed = (id: string, attributes: Record<string, string> = {}) =>
  Effect.map(Metric.snapshot, (snapshots) =>
    snapshots
      .filter((snapshot) =>
        snapshot.id === id && snapshot.type === "Histogram" &&
        Object.entries(attributes).every(([name, value]) => snapshot.attributes?.[name] === value)
      )
      .map((snapshot) => snapshot.state as Metric.HistogramState))
