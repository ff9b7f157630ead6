{{/*
Checks across values that values.schema.json cannot express. Each failure says what to change.
*/}}
{{- define "budgetbuddy.validate" -}}
{{- $api := .Values.api -}}
{{- /* The API takes up to 25 s (its HostOptions.ShutdownTimeout) to finish in-flight requests after SIGTERM. */ -}}
{{- $needed := add $api.preStopSleepSeconds 25 -}}
{{- if lt (int $api.terminationGracePeriodSeconds) (int $needed) -}}
{{- fail (printf "api.terminationGracePeriodSeconds (%v) must be at least api.preStopSleepSeconds + 25 = %v, or requests in flight at shutdown are cut off" $api.terminationGracePeriodSeconds $needed) -}}
{{- end -}}
{{- if and $api.autoscaling.enabled (gt (int $api.autoscaling.minReplicas) (int $api.autoscaling.maxReplicas)) -}}
{{- fail (printf "api.autoscaling.minReplicas (%v) must not exceed api.autoscaling.maxReplicas (%v)" $api.autoscaling.minReplicas $api.autoscaling.maxReplicas) -}}
{{- end -}}
{{- $operator := .Values.operator -}}
{{- if and (gt (int $operator.replicaCount) 1) (not $operator.leaderElection.enabled) -}}
{{- fail (printf "operator.replicaCount is %v with operator.leaderElection.enabled false: replicas would reconcile the same tenants at once; enable leader election or run 1 replica" $operator.replicaCount) -}}
{{- end -}}
{{- end -}}
