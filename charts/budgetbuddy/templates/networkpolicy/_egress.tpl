{{/* Egress both workloads share: DNS anywhere (CoreDNS or a node-local cache), HTTPS to the listed CIDRs. */}}
{{- define "budgetbuddy.networkPolicy.egress" -}}
- ports:
    - port: 53
      protocol: UDP
    - port: 53
      protocol: TCP
- to:
    {{- range .Values.networkPolicy.egressHttpsCidrs }}
    - ipBlock:
        cidr: {{ . }}
    {{- end }}
  ports:
    - port: 443
      protocol: TCP
{{- with .Values.networkPolicy.extraEgress }}
{{ toYaml . }}
{{- end }}
{{- end -}}
