{{- define "parley.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "parley.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "parley.selectorLabels" -}}
app.kubernetes.io/name: {{ include "parley.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "parley.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "parley.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "parley.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* One secret key as an env var; optional keys may be absent from the Secret. */}}
{{- define "parley.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .secret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end -}}

{{/* Settings shared by the app and the migration Job. */}}
{{- define "parley.env" -}}
{{- $s := .Values.secrets -}}
- name: PARLEY_ENV
  value: production
- name: PARLEY_PUBLIC_URL
  value: {{ .Values.publicUrl | quote }}
- name: PARLEY_LOG_LEVEL
  value: {{ .Values.logLevel | quote }}
- name: PARLEY_HOST
  value: "0.0.0.0"
- name: PARLEY_PORT
  value: "8080"
- name: PARLEY_CHROMA__MODE
  value: http
- name: PARLEY_CHROMA__HOST
  value: {{ .Values.chroma.host | quote }}
- name: PARLEY_CHROMA__PORT
  value: {{ .Values.chroma.port | quote }}
- name: PARLEY_CHROMA__SSL
  value: {{ .Values.chroma.ssl | quote }}
- name: PARLEY_LLM__PROVIDER
  value: {{ .Values.llm.provider | quote }}
{{- with .Values.llm.baseUrl }}
- name: PARLEY_LLM__BASE_URL
  value: {{ . | quote }}
{{- end }}
{{- with .Values.llm.model }}
- name: PARLEY_LLM__MODEL
  value: {{ . | quote }}
{{- end }}
{{ include "parley.secretEnv" (dict "name" "PARLEY_SECRET_KEY" "secret" $s.existingSecret "key" $s.keys.secretKey) }}
{{ include "parley.secretEnv" (dict "name" "PARLEY_OLD_SECRET_KEYS" "secret" $s.existingSecret "key" $s.keys.oldSecretKeys "optional" true) }}
{{ include "parley.secretEnv" (dict "name" "PARLEY_CHROMA__TOKEN" "secret" $s.existingSecret "key" $s.keys.chromaToken "optional" true) }}
{{ include "parley.secretEnv" (dict "name" "PARLEY_REDIS_URL" "secret" $s.existingSecret "key" $s.keys.redisUrl "optional" true) }}
{{ include "parley.secretEnv" (dict "name" "PARLEY_LLM__API_KEY" "secret" $s.existingSecret "key" $s.keys.llmApiKey "optional" true) }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "parley.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "parley.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end -}}

{{- define "parley.scratchVolumes" -}}
- name: tmp
  emptyDir: {}
- name: data
  emptyDir: {}
{{- end -}}

{{- define "parley.scratchMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/parley
{{- end -}}
