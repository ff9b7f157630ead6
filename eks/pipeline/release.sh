#!/usr/bin/env bash
# Blue/green release with the cluster load-test gate (eks/README.md, "The release pipeline"):
#   1. the idle color gets the new image (the active one keeps serving);
#   2. the gate's Indexed Job loads the idle color's preview Service at LOADTEST_RATE from one start time;
#   3. only when the Job completes (the merged run held every threshold) does the Service switch to the idle color.
# A failed or timed-out gate leaves the old color serving and exits 1. The gate is switched off again either way.
# Environment: ECR_REGISTRY, IMAGE_TAG, RELEASE (budgetbuddy), NAMESPACE (budgetbuddy), LOADTEST_PODS (4),
# LOADTEST_RATE (1000), LOADTEST_CLAIM (the results claim), LOADTEST_LEAD_SECONDS (600: time for the pods to seed).
set -euo pipefail

: "${ECR_REGISTRY:?}" "${IMAGE_TAG:?}" "${LOADTEST_CLAIM:?}"
release="${RELEASE:-budgetbuddy}"
namespace="${NAMESPACE:-budgetbuddy}"
chart="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/charts/budgetbuddy"
helm_upgrade=(helm upgrade "$release" "$chart" --namespace "$namespace" --reuse-values --wait --timeout 15m)

active="$(helm get values "$release" --namespace "$namespace" --all -o json | jq -r '.api.blueGreen.activeColor')"
idle="$([[ "$active" == blue ]] && echo green || echo blue)"
echo "active color $active; releasing $IMAGE_TAG to $idle"

"${helm_upgrade[@]}" \
  --set api.blueGreen.enabled=true \
  --set-string "api.blueGreen.$idle.tag=$IMAGE_TAG" \
  --set operator.image.registry="$ECR_REGISTRY" --set-string operator.image.tag="$IMAGE_TAG"

run_id="b$(date -u +%Y%m%d%H%M%S)"
start_at="$(date -u -d "+${LOADTEST_LEAD_SECONDS:-600} seconds" +%Y-%m-%dT%H:%M:%SZ)"
gate_off() { "${helm_upgrade[@]}" --set loadTest.enabled=false >/dev/null || echo "could not switch the gate off" >&2; }
trap gate_off EXIT
"${helm_upgrade[@]}" \
  --set loadTest.enabled=true --set-string loadTest.runId="$run_id" --set-string loadTest.startAt="$start_at" \
  --set loadTest.target=preview --set loadTest.pods="${LOADTEST_PODS:-4}" --set loadTest.rate="${LOADTEST_RATE:-1000}" \
  --set loadTest.image.registry="$ECR_REGISTRY" --set-string loadTest.image.tag="$IMAGE_TAG" \
  --set-string loadTest.results.claimName="$LOADTEST_CLAIM"

job="$(kubectl -n "$namespace" get jobs -l app.kubernetes.io/component=loadtest -o name | grep -- "-loadtest-$run_id\$")"
echo "gate: $job, start at $start_at"
until status="$(kubectl -n "$namespace" get "$job" -o jsonpath='{.status.succeeded}/{.status.failed}')" \
  && [[ "$status" != "/" && "$status" != "0/" && "$status" != "/0" ]]; do
  sleep 15
done
# Pod 0 merged the pods' runs and printed the verdict.
kubectl -n "$namespace" logs "$job" --tail 40 || true
if [[ "$(kubectl -n "$namespace" get "$job" -o jsonpath='{.status.conditions[?(@.type=="Complete")].status}')" != True ]]; then
  echo "the load-test gate failed: $active keeps serving, $IMAGE_TAG stays on $idle unpromoted" >&2
  exit 1
fi

"${helm_upgrade[@]}" --set api.blueGreen.activeColor="$idle"
echo "promoted $idle ($IMAGE_TAG)"
