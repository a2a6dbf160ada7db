// Logs and alerts: a Log Analytics workspace, workspace-based Application Insights that accepts only
// Entra-authenticated telemetry, an action group and two log alerts (docs/infrastructure.md, "Alerts").

@description('Short name used in every resource name.')
param name string

param location string

@description('Principal (object) id of the app identity; it may publish telemetry, nothing more.')
param principalId string

@description('Where alerts are emailed. Empty: the action group has no receivers (alerts still show in the portal).')
param alertEmail string

@description('The outbox poison queue the Functions host moves failed messages to, for example seh-outbox-poison.')
param poisonQueueName string

@description('Days logs are kept.')
@minValue(30)
@maxValue(730)
param retentionInDays int = 90

var monitoringMetricsPublisher = '3913510d-42f4-4e42-8a64-420c390055eb'

// The app logs one JSON line per event ("alert":"outbox-dead-letter" when it gives an effect up);
// a later OpenTelemetry logger would carry the same marker as the log record attribute alert.
var deadLetterQuery = '''
AppTraces
| where Message contains '"alert":"outbox-dead-letter"'
    or tostring(Properties.alert) == "outbox-dead-letter"
| project TimeGenerated, SeverityLevel, Message
'''

// The Functions host's queue extension logs "Message has reached MaxDequeueCount of <n>. Moving
// message to queue '<queue>-poison'." when a queue message has failed every attempt.
var poisonQuery = format('''
AppTraces
| where Message contains "Moving message to queue '{0}'"
| project TimeGenerated, SeverityLevel, Message
''', poisonQueueName)

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  properties: {
    retentionInDays: retentionInDays
    sku: { name: 'PerGB2018' }
    features: { disableLocalAuth: true } // no workspace keys: Entra only
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-ai'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true // the instrumentation key alone cannot send telemetry
  }
}

resource publisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, principalId, monitoringMetricsPublisher)
  scope: insights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', monitoringMetricsPublisher)
  }
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${name}-alerts'
  location: 'global'
  properties: {
    groupShortName: take(replace(name, '-', ''), 12)
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'alert-email'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

resource deadLetterAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${name}-outbox-dead-letter'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'SEND Early Help: a Teams message was given up (outbox dead letter)'
    description: 'The outbox gave up delivering an effect to Teams. The deliveries command lists it and can try it again once the cause is fixed; see docs/reliability.md.'
    severity: 1
    enabled: true
    scopes: [ workspace.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    skipQueryValidation: true // AppTraces exists only once the first telemetry arrives
    criteria: {
      allOf: [
        {
          query: deadLetterQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}

resource poisonAlert 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = {
  name: '${name}-outbox-poison'
  location: location
  kind: 'LogAlert'
  properties: {
    displayName: 'SEND Early Help: an outbox queue message was moved to the poison queue'
    description: 'The Functions host moved a message to ${poisonQueueName} after every attempt failed (the worker rethrows only storage failures). The effect row stays in the outbox table and the outbox sweep queues it again; check storage health and the errors logged for each attempt.'
    severity: 2
    enabled: true
    scopes: [ workspace.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    autoMitigate: true
    skipQueryValidation: true
    criteria: {
      allOf: [
        {
          query: poisonQuery
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}

output connectionString string = insights.properties.ConnectionString
output insightsName string = insights.name
output workspaceName string = workspace.name
