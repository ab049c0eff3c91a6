package io.pyairtable.local.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.pyairtable.local.LocalCloud;
import io.pyairtable.local.junit.LocalCloudExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The project's template with its defaults has no model: the assistant says how to configure one, never a canned answer. */
@ExtendWith(LocalCloudExtension.class)
class AssistantNotConfiguredTest {

    @Test
    void withoutAModelTheMessageRouteAnswers503AndHowToConfigureOne(LocalCloud cloud) throws Exception {
        RecordsApiClient api = new RecordsApiClient(cloud);
        String user = api.newUser("NoModel");
        AuthApiClient.Reply created = api.send("POST", "/assistant/conversations", user, null);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("conversationId").asText();

        AuthApiClient.Reply reply = api.send("POST", "/assistant/conversations/" + id + "/messages", user,
                "{\"message\":\"Total deal amount per company\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.errorCode()).isEqualTo("ASSISTANT_NOT_CONFIGURED");
        assertThat(reply.json().at("/error/message").asText()).contains("AssistantModelId", "AssistantApiUrl",
                "docs/assistant.md");
        AuthApiClient.Reply history = api.get("/assistant/conversations/" + id, user);
        assertThat(history.json().get("messages")).isEmpty();
    }
}
