/**
 * The example's telemetry switch, `TELEMETRY` (off by default):
 *
 * - `console`: traces and metrics through `@effect/opentelemetry`'s Node SDK,
 *   printed by OpenTelemetry's console exporters — each request's span with
 *   the attributes Faultline adds to a failing one, and the metrics every
 *   10 seconds;
 * - `otlp`: both sent over OTLP/HTTP by Effect's own exporter
 *   (`effect/observability`), to `OTEL_EXPORTER_OTLP_ENDPOINT` (and the rest
 *   of the `OTEL_*` variables);
 * - `off`: nothing leaves the process (spans are still made; metrics still count).
 */
import { Config, Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { Otlp, OtlpSerialization } from "effect/observability"

/** Where telemetry goes. */
export type Mode = "off" | "console" | "otlp"

/** `TELEMETRY`: `off`, `console` or `otlp`. */
export const mode: Config.Config<Mode> = Config.Literals(["off", "console", "otlp"], "TELEMETRY").pipe(
  Config.withDefault("off" as const)
)

const resource = { serviceName: "faultline-example" }

/** The exporters of a mode. */
export const layer = (mode: Mode) => {
  switch (mode) {
    case "off":
      return Layer.empty
    case "console":
      // loaded only when asked for: the OpenTelemetry SDK is not small
      return Layer.unwrap(Effect.promise(async () => {
        const [NodeSdk, metrics, traces] = await Promise.all([
          import("@effect/opentelemetry/NodeSdk"),
          import("@opentelemetry/sdk-metrics"),
          import("@opentelemetry/sdk-trace-base")
        ])
        return NodeSdk.layer(() => ({
          resource,
          spanProcessor: new traces.SimpleSpanProcessor(new traces.ConsoleSpanExporter()),
          metricReader: new metrics.PeriodicExportingMetricReader({
            exporter: new metrics.ConsoleMetricExporter(),
            exportIntervalMillis: 10_000
          })
        }))
      }))
    case "otlp":
      return Otlp.layerFromConfig({ resource }).pipe(
        Layer.provide([FetchHttpClient.layer, OtlpSerialization.layerJson])
      )
  }
}
