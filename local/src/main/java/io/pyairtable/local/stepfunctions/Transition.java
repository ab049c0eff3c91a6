package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;

/** A state's outcome: its output and the next state's name ({@code null} when the state ends its machine). */
record Transition(JsonNode output, String next) {
}
