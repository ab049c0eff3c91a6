package io.pyairtable.local.stepfunctions;

import java.time.Clock;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * What every execution of one engine shares: time, waiting, randomness (retry jitter, MathRandom, UUID), the thread
 * pools for Map/Parallel branches and for tasks with a timeout, and the task integrations.
 */
record RuntimeEnvironment(String region, Clock clock, Sleeper sleeper, Random random, ExecutorService branchPool,
        ExecutorService taskPool, TaskIntegrations integrations) {
}
