{{/*
One API Deployment. Rendered once normally, or twice (blue and green) in blue/green mode.
  (dict "context" $ "color" "" | "blue" | "green")
*/}}
{{- define "budgetbuddy.api.deployment" -}}
{{- $ := .context -}}
{{- $api := $.Values.api -}}
{{- $color := .color -}}
{{- $name := include "budgetbuddy.api.fullname" $ -}}
{{- $selector := include "budgetbuddy.componentSelectorLabels" (dict "context" $ "component" "api") -}}
{{- $tag := "" -}}
{{- $digest := "" -}}
{{- if $color -}}
{{- $name = printf "%s-%s" $name $color -}}
{{- $selector = printf "%s\nbudgetbuddy.io/color: %s" $selector $color -}}
{{- $tag = (get $api.blueGreen $color).tag -}}
{{- $digest = (get $api.blueGreen $color).digest -}}
{{- end -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  namespace: {{ $.Release.Namespace | quote }}
  labels:
    {{- include "budgetbuddy.componentLabels" (dict "context" $ "component" "api") | nindent 4 }}
    {{- with $color }}
    budgetbuddy.io/color: {{ . }}
    {{- end }}
  {{- with (include "budgetbuddy.annotations" $) }}
  annotations:
    {{- . | nindent 4 }}
  {{- end }}
spec:
  {{- if not $api.autoscaling.enabled }}
  replicas: {{ $api.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- $selector | nindent 6 }}
  # maxUnavailable 0: a rollout adds new pods and waits for them to be ready before it removes any old one.
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: {{ $api.updateStrategy.rollingUpdate.maxSurge }}
      maxUnavailable: {{ $api.updateStrategy.rollingUpdate.maxUnavailable }}
  template:
    metadata:
      labels:
        {{- include "budgetbuddy.componentLabels" (dict "context" $ "component" "api") | nindent 8 }}
        {{- with $color }}
        budgetbuddy.io/color: {{ . }}
        {{- end }}
        {{- with $api.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include (print $.Template.BasePath "/api/configmap.yaml") $ | sha256sum }}
        {{- with $api.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "budgetbuddy.api.serviceAccountName" $ }}
      # The API never calls the Kubernetes API; IRSA mounts its own web-identity token.
      automountServiceAccountToken: false
      {{- with (include "budgetbuddy.imagePullSecrets" $) }}
      {{- . | nindent 6 }}
      {{- end }}
      {{- with $api.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $api.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $api.podSecurityContext | nindent 8 }}
      {{- include "budgetbuddy.scheduling" (dict "context" $ "selectorLabels" $selector "nodeSelector" $api.nodeSelector "tolerations" $api.tolerations) | nindent 6 }}
      containers:
        - name: api
          image: {{ include "budgetbuddy.image" (dict "image" $api.image "global" $.Values.global "appVersion" $.Chart.AppVersion "tag" $tag "digest" $digest) | quote }}
          imagePullPolicy: {{ $api.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $api.containerPort }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "budgetbuddy.api.fullname" $ }}
          env:
            {{- include "budgetbuddy.encryption.env" $ | nindent 12 }}
            {{- with $api.config.rateLimits.redis }}
            {{- if and .host .existingSecret }}
            - name: RateLimits__Redis__Password
              valueFrom:
                secretKeyRef:
                  name: {{ .existingSecret | quote }}
                  key: {{ .existingSecretKey | quote }}
            {{- end }}
            {{- end }}
            {{- with $api.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- with $api.startupProbe }}
          {{- if .enabled }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            {{- include "budgetbuddy.probeTimings" . | nindent 12 }}
          {{- end }}
          {{- end }}
          {{- with $api.livenessProbe }}
          {{- if .enabled }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            {{- include "budgetbuddy.probeTimings" . | nindent 12 }}
          {{- end }}
          {{- end }}
          {{- with $api.readinessProbe }}
          {{- if .enabled }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            {{- include "budgetbuddy.probeTimings" . | nindent 12 }}
          {{- end }}
          {{- end }}
          # Keep serving while the endpoint and the ALB target are removed; only then SIGTERM (readiness goes
          # DOWN, in-flight requests finish). A sleep action, because the chiseled image has no shell.
          lifecycle:
            preStop:
              sleep:
                seconds: {{ $api.preStopSleepSeconds }}
          resources:
            {{- toYaml $api.resources | nindent 12 }}
          securityContext:
            {{- toYaml $api.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- with (include "budgetbuddy.encryption.volumeMounts" $) }}
            {{- . | nindent 12 }}
            {{- end }}
      volumes:
        # The only writable path: the root filesystem is read-only.
        - name: tmp
          emptyDir:
            sizeLimit: {{ $api.tmpDir.sizeLimit }}
        {{- with (include "budgetbuddy.encryption.volumes" $) }}
        {{- . | nindent 8 }}
        {{- end }}
{{- end -}}
