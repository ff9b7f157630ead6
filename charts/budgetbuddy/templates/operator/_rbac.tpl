{{/*
What the operator does with the Kubernetes API, and nothing more (each rule names the code that needs it):
- budgetbuddytenants: get (TenantClient.GetAsync), list + watch (ResourceWatcher), patch (finalizers by merge
  patch in TenantClient.SetFinalizersAsync);
- budgetbuddytenants/status: update (TenantClient.ReplaceStatusAsync);
- budgetbuddytenants/finalizers: update, so the tenant Secret may carry an owner reference with
  blockOwnerDeletion (OwnerReferencesPermissionEnforcement asks for it);
- secrets: get, create, update (KubernetesTenantSecretStore: read, create, replace), list + watch (the owned-Secret
  watch, label-selected, so a deleted or edited Secret is restored at once; RBAC cannot narrow list by label, but
  get on every Secret in scope already reads as much); never delete: garbage collection removes a tenant's Secret
  through its owner reference;
- events: create, patch (TenantEventRecorder: a repeat patches count and lastTimestamp of the Event it wrote).
*/}}
{{- define "budgetbuddy.operator.tenantRules" -}}
- apiGroups: ["budgetbuddy.io"]
  resources: ["budgetbuddytenants"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["budgetbuddy.io"]
  resources: ["budgetbuddytenants/status"]
  verbs: ["update"]
- apiGroups: ["budgetbuddy.io"]
  resources: ["budgetbuddytenants/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}

{{/* Name of cluster-scoped RBAC objects: the namespace keeps two releases of the same name apart. */}}
{{- define "budgetbuddy.operator.clusterRoleName" -}}
{{- printf "%s-%s" .Release.Namespace (include "budgetbuddy.operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
