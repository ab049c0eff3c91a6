package io.pyairtable.local.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import io.pyairtable.local.aws.AwsJsonService;
import io.pyairtable.local.aws.AwsServiceException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local Step Functions: registers state machines and runs their executions (STANDARD workflow semantics) on a
 * bounded pool; executions beyond {@code maxConcurrentExecutions} wait in a queue (status RUNNING). Errors are
 * {@link AwsServiceException}s with the AWS error types ({@code StateMachineDoesNotExist}, {@code InvalidDefinition},
 * {@code ExecutionAlreadyExists}, ...), so {@link StepFunctionsService} passes them through to the wire.
 *
 * <p>Build it with {@link #builder()}; plug the Lambda host in with {@link Builder#lambdaInvoker} and the local
 * DynamoDB with {@link Builder#dynamoDb}. Inject a {@link Clock} and a {@link Sleeper} for deterministic tests.
 */
public final class StepFunctionsEngine implements AutoCloseable {
    /** AWS's limit for an execution's input. */
    public static final int MAX_INPUT_BYTES = 256 * 1024;

    private final Arns arns;
    private final Clock clock;
    private final RuntimeEnvironment environment;
    private final ThreadPoolExecutor executionPool;
    private final ScheduledExecutorService timeouts;
    private final Map<String, StateMachineInfo> stateMachines = new LinkedHashMap<>();
    private final Map<String, Execution> executions = new LinkedHashMap<>();

    private StepFunctionsEngine(Builder builder) {
        this.arns = new Arns(builder.region, builder.accountId);
        this.clock = builder.clock;
        this.executionPool = new ThreadPoolExecutor(builder.maxConcurrentExecutions, builder.maxConcurrentExecutions,
                30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), daemonThreads("sfn-execution"));
        executionPool.allowCoreThreadTimeOut(true);
        this.timeouts = Executors.newSingleThreadScheduledExecutor(daemonThreads("sfn-timeout"));
        this.environment = new RuntimeEnvironment(builder.region, builder.clock, builder.sleeper, builder.random,
                Executors.newCachedThreadPool(daemonThreads("sfn-branch")),
                Executors.newCachedThreadPool(daemonThreads("sfn-task")),
                new TaskIntegrations(builder.lambdaInvoker, builder.dynamoDb));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The ARN a state machine named {@code name} has (whether or not it exists). */
    public String stateMachineArn(String name) {
        return arns.stateMachine(name);
    }

    /**
     * Registers a state machine; creating the same name again with the same definition and role returns the existing
     * machine (as AWS), otherwise {@code StateMachineAlreadyExists}.
     *
     * @throws AwsServiceException InvalidName, InvalidDefinition (with the validation message), ValidationException
     */
    public StateMachineInfo createStateMachine(String name, String definition, String roleArn) {
        Arns.requireValidName(name, "state machine");
        if (definition == null || definition.isBlank()) {
            throw AwsServiceException.validation("definition is required");
        }
        if (roleArn == null || roleArn.isBlank()) {
            throw AwsServiceException.validation("roleArn is required");
        }
        StateMachineDefinition parsed;
        try {
            parsed = StateMachineDefinition.parse(definition);
        } catch (DefinitionException e) {
            throw AwsServiceException.badRequest("InvalidDefinition", "Invalid State Machine Definition: '"
                    + e.getMessage() + "'");
        }
        String arn = arns.stateMachine(name);
        synchronized (this) {
            StateMachineInfo existing = stateMachines.get(arn);
            if (existing != null) {
                if (existing.definition().equals(definition) && existing.roleArn().equals(roleArn)) {
                    return existing;
                }
                throw AwsServiceException.badRequest("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn + "'");
            }
            StateMachineInfo created = new StateMachineInfo(arn, name, definition, roleArn, clock.instant(), parsed);
            stateMachines.put(arn, created);
            return created;
        }
    }

    public synchronized StateMachineInfo describeStateMachine(String stateMachineArn) {
        Arns.requireStateMachineArn(stateMachineArn);
        StateMachineInfo machine = stateMachines.get(stateMachineArn);
        if (machine == null) {
            throw AwsServiceException.badRequest("StateMachineDoesNotExist", "State Machine Does Not Exist: '"
                    + stateMachineArn + "'");
        }
        return machine;
    }

    /** State machines in creation order. */
    public synchronized List<StateMachineInfo> listStateMachines() {
        return List.copyOf(stateMachines.values());
    }

    /** Removes the machine (idempotent, as AWS); its executions keep running and stay describable. */
    public synchronized void deleteStateMachine(String stateMachineArn) {
        Arns.requireStateMachineArn(stateMachineArn);
        stateMachines.remove(stateMachineArn);
    }

    /**
     * Starts an execution. {@code name} null → a random UUID; {@code input} null → {@code {}}. A name already used by
     * this machine answers the running execution when its input is the same JSON (AWS's idempotent start for standard
     * workflows) and {@code ExecutionAlreadyExists} otherwise (different input, or the execution has ended).
     *
     * @throws AwsServiceException InvalidArn, StateMachineDoesNotExist, InvalidName, InvalidExecutionInput,
     *                             ExecutionAlreadyExists
     */
    public ExecutionInfo startExecution(String stateMachineArn, String name, String input) {
        StateMachineInfo machine = describeStateMachine(stateMachineArn);
        String executionName = name == null ? UUID.randomUUID().toString() : name;
        Arns.requireValidName(executionName, "execution");
        String inputText = input == null ? "{}" : input;
        JsonNode inputJson = parseInput(inputText);
        String arn = arns.execution(machine.name(), executionName);
        Execution execution;
        synchronized (this) {
            Execution existing = executions.get(arn);
            if (existing != null) {
                if (existing.status() == ExecutionStatus.RUNNING && existing.inputJson().equals(inputJson)) {
                    return existing.info();
                }
                throw AwsServiceException.badRequest("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            execution = new Execution(arn, executionName, machine, inputText, inputJson, clock);
            executions.put(arn, execution);
        }
        Integer timeoutSeconds = machine.parsedDefinition().timeoutSeconds();
        if (timeoutSeconds != null) {
            execution.setTimeout(timeouts.schedule(execution::timeOut, timeoutSeconds, TimeUnit.SECONDS));
        }
        executionPool.execute(() -> run(execution));
        return execution.info();
    }

    private static JsonNode parseInput(String input) {
        if (input.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
            throw AwsServiceException.badRequest("InvalidExecutionInput", "The input exceeds " + MAX_INPUT_BYTES + " bytes");
        }
        try {
            return Json.parse(input);
        } catch (IllegalArgumentException e) {
            throw AwsServiceException.badRequest("InvalidExecutionInput", "Invalid execution input: " + e.getMessage());
        }
    }

    private void run(Execution execution) {
        if (!execution.attachRunner(Thread.currentThread())) {
            return;
        }
        try {
            StateMachineInfo machine = execution.stateMachine();
            ExecutionRun run = new ExecutionRun(environment, execution.history(), execution.arn(), execution.name(),
                    execution.inputJson(), execution.startDate(), machine.roleArn(), machine.stateMachineArn(), machine.name());
            BranchRun root = new BranchRun(run, execution.cancellation(), execution.history().lastId());
            execution.succeed(Interpreter.run(machine.parsedDefinition(), execution.inputJson(), root));
        } catch (StateFailure failure) {
            execution.fail(failure.error(), failure.cause());
        } catch (ExecutionCancelledException cancelled) {
            // stopped or timed out: the execution already recorded its terminal event
        } catch (RuntimeException unexpected) {
            System.err.println("[states] execution " + execution.arn() + " failed in the interpreter: " + unexpected);
            unexpected.printStackTrace();
            execution.fail(StatesErrors.RUNTIME, "internal error in the local Step Functions interpreter: " + unexpected);
        } finally {
            execution.detachRunner();
            Thread.interrupted();
        }
    }

    public ExecutionInfo describeExecution(String executionArn) {
        return execution(executionArn).info();
    }

    /** The events so far, in order (id 1 first). */
    public List<HistoryEvent> getExecutionHistory(String executionArn) {
        return execution(executionArn).history().events();
    }

    /**
     * Executions of a machine, newest first.
     *
     * @param statusFilter null for all
     */
    public List<ExecutionInfo> listExecutions(String stateMachineArn, ExecutionStatus statusFilter) {
        describeStateMachine(stateMachineArn);
        List<ExecutionInfo> result = new ArrayList<>();
        synchronized (this) {
            for (Execution execution : executions.values()) {
                ExecutionInfo info = execution.info();
                if (info.stateMachineArn().equals(stateMachineArn) && (statusFilter == null || info.status() == statusFilter)) {
                    result.add(info);
                }
            }
        }
        result.sort(Comparator.comparing(ExecutionInfo::startDate).reversed());
        return result;
    }

    /**
     * Stops a running execution: status ABORTED at once (ExecutionAborted recorded), then the interpreter is
     * interrupted and unwinds cooperatively (between states, in sleeps, in waits for branches). A finished execution
     * is left as it is.
     */
    public ExecutionInfo stopExecution(String executionArn, String error, String cause) {
        Execution execution = execution(executionArn);
        execution.abort(error, cause);
        return execution.info();
    }

    /**
     * Waits (in-process, for tests and tools) until the execution is terminal or {@code timeout} passes; returns the
     * latest snapshot either way.
     */
    public ExecutionInfo awaitCompletion(String executionArn, Duration timeout) {
        Execution execution = execution(executionArn);
        try {
            execution.await(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return execution.info();
    }

    private synchronized Execution execution(String executionArn) {
        Arns.requireExecutionArn(executionArn);
        Execution execution = executions.get(executionArn);
        if (execution == null) {
            throw AwsServiceException.badRequest("ExecutionDoesNotExist", "Execution Does Not Exist: '" + executionArn + "'");
        }
        return execution;
    }

    @Override
    public void close() {
        synchronized (this) {
            executions.values().forEach(e -> e.abort(null, "the local Step Functions engine was closed"));
        }
        executionPool.shutdownNow();
        timeouts.shutdownNow();
        environment.branchPool().shutdownNow();
        environment.taskPool().shutdownNow();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Configuration of a {@link StepFunctionsEngine}; every setting has a default. */
    public static final class Builder {
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private LambdaInvoker lambdaInvoker;
        private AwsJsonService dynamoDb;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.REAL;
        private Random random = new Random();
        private int maxConcurrentExecutions = 16;

        private Builder() {
        }

        /** Region in ARNs and task events (default {@code us-east-1}). */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /** Account in ARNs (default {@code 000000000000}). */
        public Builder accountId(String value) {
            this.accountId = value;
            return this;
        }

        /** Runs Lambda tasks ({@code lambda:invoke} and function ARNs); without it they fail with States.Runtime. */
        public Builder lambdaInvoker(LambdaInvoker value) {
            this.lambdaInvoker = value;
            return this;
        }

        /** The local DynamoDB (target prefix {@code DynamoDB_20120810}) for the {@code dynamodb:*} integrations. */
        public Builder dynamoDb(AwsJsonService value) {
            this.dynamoDb = value;
            return this;
        }

        /** Time source for timestamps and Wait states (default UTC system clock). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** How Wait states and Retry intervals wait (default {@link Sleeper#REAL}). */
        public Builder sleeper(Sleeper value) {
            this.sleeper = value;
            return this;
        }

        /** Randomness for retry jitter, States.MathRandom and States.UUID (seed it in tests). */
        public Builder random(Random value) {
            this.random = value;
            return this;
        }

        /** Executions running at once; further ones queue (default 16). */
        public Builder maxConcurrentExecutions(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxConcurrentExecutions must be >= 1");
            }
            this.maxConcurrentExecutions = value;
            return this;
        }

        public StepFunctionsEngine build() {
            return new StepFunctionsEngine(this);
        }
    }
}
