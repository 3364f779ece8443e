package io.fathom.controlplane.ml.deployments;

import io.fathom.controlplane.config.PlatformAddress;
import jakarta.inject.Singleton;

/**
 * Ready-to-run examples of calling a deployment's V2 inference endpoint with the platform's
 * headers: curl, Python ({@code requests}) and Rust ({@code reqwest}). The body is the model's
 * input example as a V2 request when it has one, else a placeholder of its first input.
 */
@Singleton
public class CodeSnippets {
  private final PlatformAddress platform;

  public CodeSnippets(PlatformAddress platform) {
    this.platform = platform;
  }

  @io.micronaut.serde.annotation.Serdeable
  public record Snippets(String curl, String python, String rust) {}

  public Snippets of(MlDeploymentEntity d, String requestJson) {
    String url =
        platform.url()
            + "/api/intelligence/machine-learning/v1/deployments/"
            + d.id()
            + "/v2/models/default/infer";
    String org = d.organizationId().toString();
    String project = d.projectId().toString();
    String curl =
        "curl -sS -X POST '"
            + url
            + "' \\\n  -H \"Authorization: Bearer $FATHOM_TOKEN\" \\\n  -H 'x-organizationid: "
            + org
            + "' \\\n  -H 'x-projectid: "
            + project
            + "' \\\n  -H 'Content-Type: application/json' \\\n  -d '"
            + requestJson.replace("'", "'\\''")
            + "'\n";
    String python =
        "import os\nimport requests\n\nresponse = requests.post(\n    \""
            + url
            + "\",\n    headers={\n        \"Authorization\": f\"Bearer {os.environ['FATHOM_TOKEN']}\",\n"
            + "        \"x-organizationid\": \""
            + org
            + "\",\n        \"x-projectid\": \""
            + project
            + "\",\n    },\n    json="
            + requestJson
            + ",\n    timeout=60,\n)\nresponse.raise_for_status()\nprint(response.json()[\"outputs\"])\n";
    String rust =
        "// Cargo.toml: reqwest = { version = \"0.11\", features = [\"blocking\", \"json\"] },"
            + " serde_json = \"1\"\nfn main() -> Result<(), Box<dyn std::error::Error>> {\n"
            + "    let token = std::env::var(\"FATHOM_TOKEN\")?;\n"
            + "    let body: serde_json::Value = serde_json::from_str(r#\""
            + requestJson
            + "\"#)?;\n    let response = reqwest::blocking::Client::new()\n        .post(\""
            + url
            + "\")\n        .bearer_auth(token)\n        .header(\"x-organizationid\", \""
            + org
            + "\")\n        .header(\"x-projectid\", \""
            + project
            + "\")\n        .json(&body)\n        .send()?\n        .error_for_status()?;\n"
            + "    println!(\"{}\", response.text()?);\n    Ok(())\n}\n";
    return new Snippets(curl, python, rust);
  }
}
