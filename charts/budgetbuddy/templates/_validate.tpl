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
{{- $encryption := .Values.encryption -}}
{{- if eq $encryption.provider "kms" -}}
{{- if not $encryption.kmsKeyArn -}}
{{- fail "encryption.provider is kms but encryption.kmsKeyArn is empty: set it to the ARN (or alias ARN) of the KMS key that wraps tenant data keys, e.g. arn:aws:kms:<region>:<account>:key/<id>" -}}
{{- end -}}
{{- /* Both apps call KMS in dynamodb.region (the operator's --region): a key of another region is not found there. */ -}}
{{- $keyRegion := index (splitList ":" $encryption.kmsKeyArn) 3 -}}
{{- if ne $keyRegion .Values.dynamodb.region -}}
{{- fail (printf "encryption.kmsKeyArn is a key in %s but the API and the operator call KMS in dynamodb.region (%s): use a key (or a multi-Region replica) in %s" $keyRegion .Values.dynamodb.region .Values.dynamodb.region) -}}
{{- end -}}
{{- end -}}
{{- end -}}
