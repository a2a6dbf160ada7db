import type { Activity, InvokeResponse, TurnContext } from "botbuilder";
import { TeamsAdapter } from "@microsoft/teams-ai";
import type { AppConfig } from "../app/config";

/**
 * TeamsAdapter whose activity entry point is reachable from a plain HTTP handler (Azure Functions
 * gives us a request object, not an Express-style req/res pair). With no bot id auth is off.
 */
export class FunctionsTeamsAdapter extends TeamsAdapter {
  constructor(config: AppConfig["bot"]) {
    super({
      MicrosoftAppId: config.id,
      MicrosoftAppPassword: config.password,
      MicrosoftAppType: config.type,
      MicrosoftAppTenantId: config.tenantId,
    });
  }

  handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
