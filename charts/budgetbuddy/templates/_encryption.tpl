{{/*
The key-encryption key (KEK) that wraps tenant data keys. The API and the operator must use the same one, or the API
cannot unwrap the data keys the operator made, so every API Deployment (blue and green too) and the operator take
their settings from these helpers, and from nowhere else.

Both apps read the section `Encryption` (KeyEncryptionKeyOptions); the operator CLI reads Encryption__KmsKeyId
(--kms-key-id: set means KMS) and Encryption__LocalKeyFile (--kek-file). A local key file that is missing is created
by whichever process starts first: in a cluster that would be two different keys on two read-only filesystems, so
the file always comes from a Secret mounted read-only, and the mount fails (the pod does not start) when the Secret
lacks the key instead of letting an app make one of its own.
*/}}

{{/* Where the Secret is mounted, and the file the apps read. */}}
{{- define "budgetbuddy.kek.mountPath" -}}
/var/run/budgetbuddy/kek
{{- end -}}

{{- define "budgetbuddy.kek.file" -}}
{{ include "budgetbuddy.kek.mountPath" . }}/kek
{{- end -}}

{{/* The Secret holding the local KEK: the user's existingSecret, or the one the chart creates. */}}
{{- define "budgetbuddy.kek.secretName" -}}
{{- default (include "budgetbuddy.suffixed" (dict "name" (include "budgetbuddy.fullname" .) "suffix" "-kek")) .Values.encryption.localKey.existingSecret -}}
{{- end -}}

{{- define "budgetbuddy.kek.local" -}}
{{- if eq .Values.encryption.provider "local" -}}true{{- end -}}
{{- end -}}

{{/* Entries of a container's env list. */}}
{{- define "budgetbuddy.encryption.env" -}}
{{- if include "budgetbuddy.kek.local" . -}}
- name: Encryption__KeyProvider
  value: Local
- name: Encryption__LocalKeyFile
  value: {{ include "budgetbuddy.kek.file" . | quote }}
{{- else -}}
- name: Encryption__KeyProvider
  value: Kms
- name: Encryption__KmsKeyId
  value: {{ .Values.encryption.kmsKeyArn | quote }}
{{- end -}}
{{- end -}}

{{/* Entries of a container's volumeMounts list; none with KMS. */}}
{{- define "budgetbuddy.encryption.volumeMounts" -}}
{{- if include "budgetbuddy.kek.local" . -}}
- name: kek
  mountPath: {{ include "budgetbuddy.kek.mountPath" . }}
  readOnly: true
{{- end -}}
{{- end -}}

{{/* Entries of a pod's volumes list; none with KMS. */}}
{{- define "budgetbuddy.encryption.volumes" -}}
{{- if include "budgetbuddy.kek.local" . -}}
# The local KEK: only the key `kek` (the mount fails without it), readable by the owner and the pod's fsGroup.
- name: kek
  secret:
    secretName: {{ include "budgetbuddy.kek.secretName" . }}
    optional: false
    defaultMode: 288 # 0440
    items:
      - key: kek
        path: kek
{{- end -}}
{{- end -}}
