import { describe } from "@effect/vitest"
import { Kubernetes } from "@faultline/wire"
import { vendorSuite, type VendorVector } from "./fixtures.ts"

const source = "Kubernetes API reference, 'Status'; API concepts, 'Response codes'"

const status = { kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure" }

const vectors: ReadonlyArray<VendorVector> = [
  {
    source,
    what: "NotFound is NotFound, its details kept",
    status: 404,
    body: {
      ...status,
      message: "pods \"grafana\" not found",
      reason: "NotFound",
      details: { name: "grafana", kind: "pods" },
      code: 404
    },
    tag: "NotFound",
    fields: { message: "pods \"grafana\" not found", details: { name: "grafana", kind: "pods" } },
    code: "NotFound"
  },
  {
    source,
    what: "AlreadyExists is AlreadyExists",
    status: 409,
    body: {
      ...status,
      message: "namespaces \"dev\" already exists",
      reason: "AlreadyExists",
      details: { name: "dev", kind: "namespaces" },
      code: 409
    },
    tag: "AlreadyExists"
  },
  {
    source,
    what: "Invalid is a ValidationError, its causes in its details",
    status: 422,
    body: {
      ...status,
      message: "Deployment.apps \"web\" is invalid",
      reason: "Invalid",
      details: {
        name: "web",
        group: "apps",
        kind: "Deployment",
        causes: [{ reason: "FieldValueRequired", message: "Required value", field: "spec.template.spec.containers" }]
      },
      code: 422
    },
    tag: "ValidationError"
  },
  {
    source,
    what: "Expired (a watch's resource version too old) is Gone",
    status: 410,
    body: { ...status, message: "too old resource version: 1 (2)", reason: "Expired", code: 410 },
    tag: "Gone"
  }
]

describe("Kubernetes", () => {
  vendorSuite(Kubernetes.dialect, vectors, {
    bodies: (json) => [{ kind: "Status", status: "Failure", reason: json, code: json, details: json }]
  })
})
