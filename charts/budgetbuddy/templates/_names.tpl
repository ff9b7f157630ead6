{{/*
Names and labels, defined once (bitnami / prometheus-community style). Kubernetes names are DNS labels, so every
name is cut to 63 characters; the component suffixes are short enough to fit after a truncated prefix.
*/}}

{{/* The chart name, or nameOverride. */}}
{{- define "budgetbuddy.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<chart>, or just <release> when it already holds the chart name; fullnameOverride wins. */}}
{{- define "budgetbuddy.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* Prefix of the API's resources; 48 characters leave room for "-preview", "-green" and a ReplicaSet hash. */}}
{{- define "budgetbuddy.api.fullname" -}}
{{- printf "%s-api" (include "budgetbuddy.fullname" . | trunc 48 | trimSuffix "-") -}}
{{- end -}}

{{- define "budgetbuddy.operator.fullname" -}}
{{- printf "%s-operator" (include "budgetbuddy.fullname" . | trunc 48 | trimSuffix "-") -}}
{{- end -}}

{{/* name-version, for the helm.sh/chart label. */}}
{{- define "budgetbuddy.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels of every resource. */}}
{{- define "budgetbuddy.labels" -}}
helm.sh/chart: {{ include "budgetbuddy.chart" . }}
{{ include "budgetbuddy.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: budgetbuddy
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The labels that pick the release's pods; never change them: Deployment selectors are immutable. */}}
{{- define "budgetbuddy.selectorLabels" -}}
app.kubernetes.io/name: {{ include "budgetbuddy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Labels of one component's resources: (dict "context" $ "component" "api") */}}
{{- define "budgetbuddy.componentLabels" -}}
{{ include "budgetbuddy.labels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "budgetbuddy.componentSelectorLabels" -}}
{{ include "budgetbuddy.selectorLabels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* commonAnnotations as a YAML block, or nothing. */}}
{{- define "budgetbuddy.annotations" -}}
{{- with .Values.commonAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "budgetbuddy.api.serviceAccountName" -}}
{{- if .Values.api.serviceAccount.create -}}
{{- default (include "budgetbuddy.api.fullname" .) .Values.api.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.api.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "budgetbuddy.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create -}}
{{- default (include "budgetbuddy.operator.fullname" .) .Values.operator.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.operator.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Label that lets a pod reach the API through the NetworkPolicy even when apiIngressCidrs restricts sources. */}}
{{- define "budgetbuddy.api.clientLabel" -}}
{{ include "budgetbuddy.api.fullname" . }}-client
{{- end -}}

{{/*
A name plus a suffix, the name cut so the whole fits in 63 characters: (dict "name" <name> "suffix" "-metrics")
*/}}
{{- define "budgetbuddy.suffixed" -}}
{{- printf "%s%s" (.name | trunc (int (sub 63 (len .suffix))) | trimSuffix "-") .suffix -}}
{{- end -}}

{{- define "budgetbuddy.operator.metricsServiceName" -}}
{{- include "budgetbuddy.suffixed" (dict "name" (include "budgetbuddy.operator.fullname" .) "suffix" "-metrics") -}}
{{- end -}}

{{- define "budgetbuddy.operator.leaseRoleName" -}}
{{- include "budgetbuddy.suffixed" (dict "name" (include "budgetbuddy.operator.fullname" .) "suffix" "-leader-election") -}}
{{- end -}}

{{- define "budgetbuddy.api.testPodName" -}}
{{- include "budgetbuddy.suffixed" (dict "name" (include "budgetbuddy.api.fullname" .) "suffix" "-test-health") -}}
{{- end -}}

{{- define "budgetbuddy.dashboardName" -}}
{{- include "budgetbuddy.suffixed" (dict "name" (include "budgetbuddy.fullname" .) "suffix" "-dashboard") -}}
{{- end -}}
