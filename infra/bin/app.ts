import { buildApp } from "../build-app";

// `cdk synth|deploy -c stage=dev|prod` (cdk.json defaults to dev and turns cdk-nag on).
buildApp();
