{{/*
Image references. A digest pins the exact image and wins over the tag; an empty tag means the chart's appVersion,
so one chart version always deploys the images it was tested with.
  (dict "image" .Values.api.image "global" .Values.global "appVersion" .Chart.AppVersion "tag" "" "digest" "")
"tag" and "digest" override the image's own (blue/green colors use them).
*/}}
{{- define "budgetbuddy.image" -}}
{{- $registry := default .global.imageRegistry .image.registry -}}
{{- $repository := .image.repository -}}
{{- if $registry -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" $registry) $repository -}}
{{- end -}}
{{- $digest := default .image.digest .digest -}}
{{- if $digest -}}
{{- printf "%s@%s" $repository $digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (default .appVersion (default .image.tag .tag) | toString) -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets of a pod spec, from global.imagePullSecrets. */}}
{{- define "budgetbuddy.imagePullSecrets" -}}
{{- with .Values.global.imagePullSecrets }}
imagePullSecrets:
{{- range . }}
  - name: {{ . | quote }}
{{- end }}
{{- end }}
{{- end -}}
