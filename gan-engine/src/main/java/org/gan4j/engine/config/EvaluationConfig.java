package org.gan4j.engine.config;

import java.util.List;

import org.gan4j.api.Param;

/**
 * Built-in evaluation during training, the figures of {@code gan evaluate}: on labelled images, 2-D mixtures, and
 * translation runs (their test split; {@code samples} does not apply to these).
 *
 * @param every evaluate every N steps into metrics.jsonl ({@code eval_*} keys); 0 = never during training
 * @param samples generated samples per evaluation
 * @param judge translation runs: the labelled image data (a data-source name such as {@code fashion-mnist}) whose
 *     evaluation classifier judges the translations, reporting the Fréchet distance of its features (outputs against
 *     real targets) and the classes it calls them; empty = none
 * @param judgeDir the judge data's directory; empty = the data source's default
 * @param judgeClassA two-way translations: the judge's class of domain A, which F(b) should be called; -1 = none
 * @param judgeClassB two-way translations: the judge's class of domain B, which G(a) should be called; -1 = none
 */
public record EvaluationConfig(
        @Param(value = "0", doc = "evaluate every N steps into metrics.jsonl (eval_fd, eval_l1, …); 0 = never while training", min = "0") long every,
        @Param(value = "5000", doc = "generated samples per evaluation", min = "10", max = "1000000") int samples,
        @Param(value = "\"\"", doc = "translations: labelled image data (fashion-mnist, mnist, …) whose classifier judges outputs; empty = none") String judge,
        @Param(value = "\"\"", doc = "the judge data's directory; empty = its data source's default") String judgeDir,
        @Param(value = "-1", doc = "two-way translations: the judge's class of domain A (F(b) should be called it); -1 = none", min = "-1") int judgeClassA,
        @Param(value = "-1", doc = "two-way translations: the judge's class of domain B (G(a) should be called it); -1 = none", min = "-1") int judgeClassB,
        @Kind("metric") @Param(value = "[]", doc = "metrics to evaluate with, [name | {type: name, …}, …]; empty = every built-in metric that applies to the data (mode-coverage, classifier)")
        List<ComponentConfig> metrics) {

    /** Validates the settings. */
    public EvaluationConfig {
        judge = judge == null ? "" : judge.strip();
        judgeDir = judgeDir == null ? "" : judgeDir.strip();
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
        if (every < 0) {
            throw new org.gan4j.api.ConfigException("evaluation.every: must be >= 0, got " + every);
        }
        if (samples < 2) {
            throw new org.gan4j.api.ConfigException("evaluation.samples: must be >= 2, got " + samples);
        }
        if ((judgeClassA >= 0 || judgeClassB >= 0 || !judgeDir.isEmpty()) && judge.isEmpty()) {
            throw new org.gan4j.api.ConfigException("evaluation: judge_dir and judge_class_a/b need evaluation.judge "
                    + "(the labelled data whose classifier judges, e.g. fashion-mnist)");
        }
    }
}
