package ai.flatkey.migrate.ui.step.endpoints;

/** The live connection check's state; the view maps it to a colour. */
public enum CheckState { IDLE, RUNNING, SUCCESS, FAILURE }
