import { defaultResource, resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

// Declared locally because these names live only in the unstable "incubating"
// entry point of semantic-conventions, which is not meant to be imported at runtime.
const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = 'deployment.environment.name';
const ATTR_DEPLOYMENT_ENVIRONMENT_LEGACY = 'deployment.environment';

export interface ServiceIdentity {
  serviceName: string;
  serviceVersion?: string;
}

/**
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES still win over these values,
 * because the SDK merges its environment detector on top of this resource.
 */
export function buildServiceResource({ serviceName, serviceVersion }: ServiceIdentity): Resource {
  const environment = deploymentEnvironmentFromEnv();
  return defaultResource().merge(
    resourceFromAttributes({
      [ATTR_SERVICE_NAME]: serviceName,
      ...(serviceVersion === undefined ? {} : { [ATTR_SERVICE_VERSION]: serviceVersion }),
      [ATTR_DEPLOYMENT_ENVIRONMENT_NAME]: environment,
      // Still what several tracing backends filter environments by.
      [ATTR_DEPLOYMENT_ENVIRONMENT_LEGACY]: environment,
    }),
  );
}

function deploymentEnvironmentFromEnv(): string {
  const value = process.env['DEPLOYMENT_ENVIRONMENT']?.trim() || process.env['NODE_ENV']?.trim();
  return value || 'development';
}
