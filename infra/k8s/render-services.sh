#!/usr/bin/env bash
# Prints the Deployments of every platform service (and the gateway's Service) for kubectl apply:
#   IMAGE_REGISTRY=registry.example.org IMAGE_TAG=0.1.0 bash infra/k8s/render-services.sh | kubectl apply -f -
# Images come from the repository's Dockerfile: docker build --build-arg SERVICE=<name> -t <registry>/aiplat-<name>:<tag> .
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
registry=${IMAGE_REGISTRY:?set IMAGE_REGISTRY (where the aiplat-<service> images are)}
tag=${IMAGE_TAG:?set IMAGE_TAG (the image version)}
for service in tasks funding consultations committee talent gateway; do
  echo '---'
  edits=(-e "s/SERVICE/$service/g" -e "s#IMAGE_REGISTRY#$registry#g" -e "s/IMAGE_TAG/$tag/g")
  # The gateway serves /healthz and /readyz on its HTTP port, on every interface of the pod.
  [[ $service == gateway ]] && edits+=(-e "s/name: HEALTH_PORT, value: '8081'/name: GATEWAY_HOST, value: '0.0.0.0'/" -e "s/containerPort: 8081/containerPort: 8080/")
  sed "${edits[@]}" "$here/service.template.yaml"
done
cat <<'YAML'
---
# The HTTP edge: put an Ingress (TLS) in front of this Service.
apiVersion: v1
kind: Service
metadata:
  name: gateway
  namespace: aiplat
  labels: { app.kubernetes.io/part-of: aiplat, app.kubernetes.io/name: gateway }
spec:
  selector: { app.kubernetes.io/name: gateway }
  ports: [{ name: http, port: 80, targetPort: 8080 }]
YAML
