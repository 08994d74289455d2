import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  fallback: (reset: () => void, error: Error) => ReactNode;
  children: ReactNode;
}

/** Never a blank screen: a render error shows the fallback, whose button mounts the screen afresh. */
export class ErrorBoundary extends Component<Props, { error: Error | null; generation: number }> {
  override state = { error: null as Error | null, generation: 0 };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('The screen failed to render', error, info.componentStack);
  }

  // Re-mounting (not location.reload) keeps the browser host's secret, which lives only in memory.
  private reset = () => this.setState((state) => ({ error: null, generation: state.generation + 1 }));

  override render() {
    if (this.state.error) return this.props.fallback(this.reset, this.state.error);
    return <div key={this.state.generation} className="boundary-root">{this.props.children}</div>;
  }
}
