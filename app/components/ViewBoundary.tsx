/**
 * A view that throws while rendering shows what went wrong in its own place and can be retried; the rest
 * of the explorer (and the store's state) stays as it was. React only offers this as a class component.
 */
import { Component, type ReactNode } from 'react';

interface Props {
  readonly name: string;
  readonly children: ReactNode;
}

export class ViewBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="error view-error">
        <p>
          The {this.props.name} view failed: <span className="mono">{error.message}</span>. Your device, edits
          and scenario are unchanged.
        </p>
        <button onClick={() => this.setState({ error: null })}>Show {this.props.name} again</button>
      </div>
    );
  }
}
