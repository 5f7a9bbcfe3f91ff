/**
 * The action each workflow ends with: a Compose whose outputs say what the run did and, when it failed,
 * which objects and why. Run history shows it; `kvbr run` prints it. It never holds an object's value.
 */
export const SUMMARY_ACTION = "Summary";
