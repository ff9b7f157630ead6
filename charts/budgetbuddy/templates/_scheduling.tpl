{{/*
Where pods run: required node affinity on the CPU architecture (Graviton arm64 by default: the images are built
for it and it is the cheaper node group), an even spread over availability zones so a zone outage takes at most
a third of the pods, and anti-affinity on the host so one node's loss takes as few as possible.
  (dict "context" $ "selectorLabels" <yaml string of the pods' selector labels> "nodeSelector" {} "tolerations" [])
*/}}
{{- define "budgetbuddy.scheduling" -}}
{{- $scheduling := .context.Values.scheduling -}}
{{- $selector := fromYaml .selectorLabels -}}
affinity:
  {{- with $scheduling.architectures }}
  nodeAffinity:
    requiredDuringSchedulingIgnoredDuringExecution:
      nodeSelectorTerms:
        - matchExpressions:
            - key: kubernetes.io/arch
              operator: In
              values:
                {{- toYaml . | nindent 16 }}
  {{- end }}
  podAntiAffinity:
    {{- if eq $scheduling.podAntiAffinity "hard" }}
    requiredDuringSchedulingIgnoredDuringExecution:
      - topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- toYaml $selector | nindent 12 }}
    {{- else }}
    preferredDuringSchedulingIgnoredDuringExecution:
      - weight: 100
        podAffinityTerm:
          topologyKey: kubernetes.io/hostname
          labelSelector:
            matchLabels:
              {{- toYaml $selector | nindent 14 }}
    {{- end }}
# pod-template-hash makes each rollout's new pods spread on their own, instead of piling into the zone the old
# pods are leaving.
topologySpreadConstraints:
  - maxSkew: {{ $scheduling.zoneSpread.maxSkew }}
    topologyKey: topology.kubernetes.io/zone
    whenUnsatisfiable: {{ $scheduling.zoneSpread.whenUnsatisfiable }}
    labelSelector:
      matchLabels:
        {{- toYaml $selector | nindent 8 }}
    matchLabelKeys:
      - pod-template-hash
{{- with .nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
