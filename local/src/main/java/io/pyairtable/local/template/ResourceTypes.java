package io.pyairtable.local.template;

import java.util.Set;

/** The resource types the local cloud runs, and the explicit allow-list of types it deliberately ignores. */
public final class ResourceTypes {
    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String STATE_MACHINE = "AWS::Serverless::StateMachine";
    public static final String SECRET = "AWS::SecretsManager::Secret";
    public static final String QUEUE = "AWS::SQS::Queue";

    public static final Set<String> SUPPORTED = Set.of(FUNCTION, HTTP_API, TABLE, BUCKET, STATE_MACHINE, SECRET, QUEUE);

    /**
     * Types that exist only for operating in AWS (monitoring, delivery, permissions, encryption) and have no effect on
     * what the application does locally. They may be referenced ({@code !Ref}/{@code !GetAtt} give placeholders);
     * their properties are not evaluated.
     */
    public static final Set<String> IGNORED_LOCALLY = Set.of(
            "AWS::CloudWatch::Alarm", "AWS::CloudWatch::CompositeAlarm", "AWS::CloudWatch::Dashboard",
            "AWS::CloudFront::Distribution", "AWS::CloudFront::OriginAccessControl", "AWS::CloudFront::CachePolicy",
            "AWS::CloudFront::ResponseHeadersPolicy", "AWS::Logs::LogGroup", "AWS::Logs::MetricFilter",
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::S3::BucketPolicy",
            "AWS::Lambda::Permission", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy",
            "AWS::KMS::Key", "AWS::KMS::Alias", "AWS::SecretsManager::RotationSchedule",
            "AWS::SecretsManager::ResourcePolicy", "AWS::Budgets::Budget", "AWS::WAFv2::WebACL",
            "AWS::WAFv2::WebACLAssociation", "AWS::XRay::Group", "AWS::XRay::SamplingRule",
            "AWS::ApplicationInsights::Application", "AWS::ResourceGroups::Group");

    private ResourceTypes() {
    }
}
